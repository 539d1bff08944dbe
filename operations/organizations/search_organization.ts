import { defineOperation } from '../../runtime/define.js';
import { exactMatch, searchFields, searchResult, searchTerm } from '../../schemas/common.js';
import { organizationSearchItem } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'search_organization',
  title: 'Search organizations',
  description: 'Searches organizations by name, address, notes and/or custom fields.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/search',
  scopes: ['contacts:read', 'contacts:full', 'search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm(),
    fields: searchFields({
      name: 'Name',
      address: 'Address',
      notes: 'Notes',
      custom_fields: 'Custom fields',
    }).optional(),
    exact_match: exactMatch().optional(),
  },
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(organizationSearchItem),
  sample: { term: 'Northwind', fields: ['name'] },
});
