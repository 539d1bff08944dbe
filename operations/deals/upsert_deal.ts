import { defineUpsert, plainField } from '../../runtime/upsert.js';
import add_deal from './add_deal.js';
import get_deal from './get_deal.js';
import search_deals from './search_deals.js';
import update_deal from './update_deal.js';

export default defineUpsert({
  name: 'upsert_deal',
  title: 'Create or update deal',
  description:
    'Finds the deal whose `match_field` (a custom field such as an external order ID, or its title) is exactly `match_value`, and updates it with the fields given, or adds one with them and the match value (a new deal needs a `title`). `action` says `updated`, `found` (nothing to change) or `created`. Several matches: a `conflict` naming them, unless `on_multiple` chooses.',
  resource: 'deals',
  noun: 'deal',
  search: search_deals,
  get: get_deal,
  add: add_deal,
  update: update_deal,
  fields: { title: plainField('title') },
  fieldsLookup: 'deal_fields',
  sample: { match_field: 'title', match_value: 'Acme renewal 2026', value: 12000, currency: 'USD' },
});
