import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { addLeadBody, lead } from '../../schemas/leads.js';

export default defineOperation({
  name: 'add_lead',
  title: 'Add lead',
  description:
    'Adds a lead linked to a person, an organization or both (give `person_id` and/or `organization_id`). Leads added through the API get the source and origin `API`.',
  resource: 'leads',
  method: 'POST',
  path: '/leads',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 10,
  customFields: { entity: 'deal', style: 'top-level' },
  body: addLeadBody,
  output: single(lead),
  sample: {
    title: 'Acme fleet tracking pilot',
    person_id: 1,
    value: { amount: 5000, currency: 'EUR' },
    expected_close_date: '2026-12-31',
  },
});
