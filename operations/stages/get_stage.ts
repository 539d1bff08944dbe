import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { stage } from '../../schemas/stages.js';

export default defineOperation({
  name: 'get_stage',
  title: 'Get stage',
  description: 'Returns the details of a specific stage.',
  resource: 'stages',
  method: 'GET',
  path: '/stages/{id}',
  scopes: ['deals:read', 'deals:full', 'admin'],
  tokenCost: 1,
  params: { id: id('The ID of the stage', 'Stage') },
  output: single(stage),
  sample: { id: 1 },
});
