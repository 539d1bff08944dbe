/**
 * A saved filter can be of deals, leads, activities, persons, organizations, products and more, so Pipedrive's filter
 * endpoints take the scopes of all three families (Pipedrive's API reference): to read, any of them read or full; to
 * change, any of them full.
 */
export const FILTER_READ_SCOPES = [
  'deals:read',
  'deals:full',
  'activities:read',
  'activities:full',
  'contacts:read',
  'contacts:full',
];
export const FILTER_WRITE_SCOPES = ['deals:full', 'activities:full', 'contacts:full'];
