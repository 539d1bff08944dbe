import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_deal',
  title: 'Delete deal',
  description: 'Marks a deal as deleted. After 30 days, the deal is permanently deleted.',
  resource: 'deals',
  method: 'DELETE',
  path: '/deals/{id}',
  scopes: ['deals:full'],
  tokenCost: 3,
  params: { id: id('The ID of the deal', 'Deal') },
  output: deleted('The ID of the deleted deal'),
  sample: { id: 1 },
});
