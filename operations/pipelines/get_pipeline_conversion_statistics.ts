import { defineOperation } from '../../runtime/define.js';
import { conversionStatistics, statisticsQuery } from '../../schemas/pipelines.js';
import { pick } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_pipeline_conversion_statistics',
  title: 'Get pipeline conversion statistics',
  description:
    "Returns the conversion rates of a pipeline over a period: from each stage to the next, and of its deals to won and to lost. For one user's deals (default: yours).",
  resource: 'pipelines',
  method: 'GET',
  path: '/pipelines/{id}/conversion_statistics',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 40,
  params: { id: pick('pipelines', 'The ID of the pipeline', 'Pipeline') },
  query: statisticsQuery,
  output: conversionStatistics,
  sample: { id: 1, start_date: '2027-01-01', end_date: '2027-03-31' },
});
