import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { pipeline } from '../../schemas/pipelines.js';

export default defineOperation({
  name: 'get_pipeline',
  title: 'Get pipeline',
  description: 'Returns the details of a specific pipeline.',
  resource: 'pipelines',
  method: 'GET',
  path: '/pipelines/{id}',
  scopes: ['deals:read', 'deals:full', 'admin'],
  tokenCost: 1,
  params: { id: id('The ID of the pipeline', 'Pipeline') },
  output: single(pipeline),
  sample: { id: 1 },
});
