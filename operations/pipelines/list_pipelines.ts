import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { pipeline, pipelineSortQuery } from '../../schemas/pipelines.js';

export default defineOperation({
  name: 'list_pipelines',
  title: 'List pipelines',
  description:
    'Returns all pipelines of the company. The one with the lowest `order_nr` is the default pipeline.',
  resource: 'pipelines',
  method: 'GET',
  path: '/pipelines',
  scopes: ['deals:read', 'deals:full', 'admin'],
  tokenCost: 5,
  query: pipelineSortQuery,
  pagination: { maxLimit: 500 },
  output: list(pipeline),
  sample: { sort_by: 'add_time', sort_direction: 'desc', limit: 100 },
});
