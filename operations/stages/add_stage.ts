import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { stage, stageBody, stageName, stagePipelineId } from '../../schemas/stages.js';

export default defineOperation({
  name: 'add_stage',
  title: 'Add stage',
  description:
    'Adds a new stage at the end of a pipeline. `name` and `pipeline_id` are required. Needs admin rights.',
  resource: 'stages',
  method: 'POST',
  path: '/stages',
  scopes: ['admin'],
  tokenCost: 5,
  body: { ...stageBody, name: stageName, pipeline_id: stagePipelineId },
  output: single(stage),
  sample: {
    name: 'Proposal sent',
    pipeline_id: 1,
    deal_probability: 60,
    is_deal_rot_enabled: true,
    days_to_rotten: 14,
  },
});
