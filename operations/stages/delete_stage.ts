import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_stage',
  title: 'Delete stage',
  description: 'Marks a stage as deleted. Needs admin rights.',
  resource: 'stages',
  method: 'DELETE',
  path: '/stages/{id}',
  scopes: ['admin'],
  tokenCost: 3,
  params: { id: id('The ID of the stage', 'Stage') },
  output: deleted('The ID of the deleted stage'),
  sample: { id: 1 },
});
