import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { stage, stageListQuery } from '../../schemas/stages.js';

export default defineOperation({
  name: 'list_stages',
  title: 'List stages',
  description:
    'Returns the stages of one pipeline, or of all pipelines when no pipeline is given. Sort by `order_nr` to get them in pipeline order.',
  resource: 'stages',
  method: 'GET',
  path: '/stages',
  scopes: ['deals:read', 'deals:full', 'admin'],
  tokenCost: 5,
  query: stageListQuery,
  pagination: { maxLimit: 500 },
  output: list(stage),
  sample: { pipeline_id: 1, sort_by: 'order_nr', limit: 100 },
});
