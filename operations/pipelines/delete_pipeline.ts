import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_pipeline',
  title: 'Delete pipeline',
  description: 'Marks a pipeline as deleted. Needs admin rights.',
  resource: 'pipelines',
  method: 'DELETE',
  path: '/pipelines/{id}',
  scopes: ['admin'],
  tokenCost: 3,
  params: { id: id('The ID of the pipeline', 'Pipeline') },
  output: deleted('The ID of the deleted pipeline'),
  sample: { id: 1 },
});
