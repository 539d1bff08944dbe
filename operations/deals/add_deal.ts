import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { deal, dealBody, dealTitle } from '../../schemas/deals.js';

export default defineOperation({
  name: 'add_deal',
  title: 'Add deal',
  description:
    'Adds a new deal. Only `title` is required; the deal goes to the default pipeline unless a stage is given.',
  resource: 'deals',
  method: 'POST',
  path: '/deals',
  scopes: ['deals:full'],
  tokenCost: 5,
  customFields: { entity: 'deal' },
  body: { ...dealBody, title: dealTitle },
  output: single(deal),
  sample: {
    title: 'Acme renewal 2026',
    value: 12000,
    currency: 'USD',
    status: 'open',
    expected_close_date: '2026-12-31',
  },
});
