import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { pipeline, pipelineBody, pipelineName } from '../../schemas/pipelines.js';

export default defineOperation({
  name: 'add_pipeline',
  title: 'Add pipeline',
  description:
    'Adds a new pipeline. Only `name` is required; add its stages afterwards with Add stage. Needs admin rights.',
  resource: 'pipelines',
  method: 'POST',
  path: '/pipelines',
  scopes: ['admin'],
  tokenCost: 5,
  body: { ...pipelineBody, name: pipelineName },
  output: single(pipeline),
  sample: { name: 'Enterprise sales', is_deal_probability_enabled: true },
});
