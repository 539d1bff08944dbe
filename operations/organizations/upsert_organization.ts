import { defineUpsert, plainField } from '../../runtime/upsert.js';
import add_organization from './add_organization.js';
import get_organization from './get_organization.js';
import search_organization from './search_organization.js';
import update_organization from './update_organization.js';

export default defineUpsert({
  name: 'upsert_organization',
  title: 'Create or update organization',
  description:
    'Finds the organization whose `match_field` (its name, or a custom field such as an external ID) is exactly `match_value`, and updates it with the fields given, or adds one with them and the match value. `action` says `updated`, `found` (nothing to change) or `created`. Several matches: a `conflict` naming them, unless `on_multiple` chooses.',
  resource: 'organizations',
  noun: 'organization',
  search: search_organization,
  get: get_organization,
  add: add_organization,
  update: update_organization,
  fields: { name: plainField('name') },
  fieldsLookup: 'organization_fields',
  sample: { match_field: 'name', match_value: 'Northwind Traders', website: 'https://northwind.example.com' },
});
