import { defineOperation } from '../../runtime/define.js';
import { movementStatistics, statisticsQuery } from '../../schemas/pipelines.js';
import { pick } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_pipeline_movement_statistics',
  title: 'Get pipeline movement statistics',
  description:
    "Returns how the deals of a pipeline moved over a period: new, won, lost and still open deals (counts, IDs and values), moves between stages and the average age by stage. For one user's deals (default: yours).",
  resource: 'pipelines',
  method: 'GET',
  path: '/pipelines/{id}/movement_statistics',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 40,
  params: { id: pick('pipelines', 'The ID of the pipeline', 'Pipeline') },
  query: statisticsQuery,
  output: movementStatistics,
  sample: { id: 1, start_date: '2027-01-01', end_date: '2027-03-31', user_id: 1 },
});
