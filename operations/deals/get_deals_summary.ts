import { defineOperation } from '../../runtime/define.js';
import { dealsSummary, dealsSummaryQuery } from '../../schemas/deals.js';

export default defineOperation({
  name: 'get_deals_summary',
  title: 'Get deals summary',
  description:
    "Returns the number and total value of the deals that are not archived, by currency and converted into the company's default currency, optionally only those of a status, owner, pipeline, stage or saved filter.",
  resource: 'deals',
  method: 'GET',
  path: '/deals/summary',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 40,
  query: dealsSummaryQuery,
  output: dealsSummary,
  sample: { status: 'open', pipeline_id: 1 },
});
