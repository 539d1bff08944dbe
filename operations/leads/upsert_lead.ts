import { defineUpsert, plainField } from '../../runtime/upsert.js';
import add_lead from './add_lead.js';
import get_lead from './get_lead.js';
import search_leads from './search_leads.js';
import update_lead from './update_lead.js';

export default defineUpsert({
  name: 'upsert_lead',
  title: 'Create or update lead',
  description:
    'Finds the lead whose `match_field` (a custom field such as an external ID, or its title) is exactly `match_value`, and updates it with the fields given, or adds one with them and the match value (a new lead needs a `title` and a `person_id` or `organization_id`). `action` says `updated`, `found` (nothing to change) or `created`. Several matches: a `conflict` naming them, unless `on_multiple` chooses.',
  resource: 'leads',
  noun: 'lead',
  search: search_leads,
  get: get_lead,
  add: add_lead,
  update: update_lead,
  fields: { title: plainField('title') },
  fieldsLookup: 'deal_fields',
  sample: { match_field: 'title', match_value: 'Acme fleet tracking pilot', person_id: 1, was_seen: true },
});
