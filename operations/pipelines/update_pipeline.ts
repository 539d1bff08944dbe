import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { pipeline, pipelineBody } from '../../schemas/pipelines.js';

export default defineOperation({
  name: 'update_pipeline',
  title: 'Update pipeline',
  description:
    'Updates the name or deal probability setting of a pipeline. Only the fields given are changed. Needs admin rights.',
  resource: 'pipelines',
  method: 'PATCH',
  path: '/pipelines/{id}',
  scopes: ['admin'],
  tokenCost: 5,
  params: { id: id('The ID of the pipeline', 'Pipeline') },
  body: pipelineBody,
  output: single(pipeline),
  sample: { id: 1, name: 'Enterprise sales (EMEA)' },
});
