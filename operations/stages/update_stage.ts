import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { stage, stageBody } from '../../schemas/stages.js';

export default defineOperation({
  name: 'update_stage',
  title: 'Update stage',
  description:
    'Updates the properties of a stage, or moves it to another pipeline. Only the fields given are changed. Needs admin rights.',
  resource: 'stages',
  method: 'PATCH',
  path: '/stages/{id}',
  scopes: ['admin'],
  tokenCost: 5,
  params: { id: id('The ID of the stage', 'Stage') },
  body: stageBody,
  output: single(stage),
  sample: { id: 1, deal_probability: 80, is_deal_rot_enabled: true, days_to_rotten: 30 },
});
