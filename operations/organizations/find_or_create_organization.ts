import { defineUpsert, plainField } from '../../runtime/upsert.js';
import add_organization from './add_organization.js';
import get_organization from './get_organization.js';
import search_organization from './search_organization.js';

export default defineUpsert({
  name: 'find_or_create_organization',
  title: 'Find or create organization',
  description:
    'Finds the organization with exactly this name (case and all), or adds one with it and the fields given. An organization found is returned as it is; `action` says `found` or `created`. Several with the name: a `conflict` naming them, unless `on_multiple` chooses. Concurrent calls for one name add one organization.',
  resource: 'organizations',
  noun: 'organization',
  search: search_organization,
  get: get_organization,
  add: add_organization,
  fixed: 'name',
  fields: { name: plainField('name') },
  sample: { name: 'Northwind Traders', visible_to: 3 },
});
