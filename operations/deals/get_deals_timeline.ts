import { defineOperation } from '../../runtime/define.js';
import { dealsTimeline, dealsTimelineQuery } from '../../schemas/deals.js';

export default defineOperation({
  name: 'get_deals_timeline',
  title: 'Get deals timeline',
  description:
    'Returns the open and won deals that are not archived, grouped into `amount` intervals (day, week, month or quarter) from `start_date` by the date field `field_key`, each with its totals: e.g. three months of deals by expected close date.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/timeline',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 20,
  query: dealsTimelineQuery,
  output: dealsTimeline,
  sample: { start_date: '2027-01-01', interval: 'month', amount: 3, field_key: 'expected_close_date' },
});
