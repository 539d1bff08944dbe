import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_person',
  title: 'Delete person',
  description: 'Marks a person as deleted. After 30 days, the person is permanently deleted.',
  resource: 'persons',
  method: 'DELETE',
  path: '/persons/{id}',
  scopes: ['contacts:full'],
  tokenCost: 3,
  params: { id: id('The ID of the person', 'Person') },
  output: deleted('The ID of the deleted person'),
  sample: { id: 1 },
});
