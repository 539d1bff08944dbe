import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_organization',
  title: 'Delete organization',
  description: 'Marks an organization as deleted. After 30 days, the organization is permanently deleted.',
  resource: 'organizations',
  method: 'DELETE',
  path: '/organizations/{id}',
  scopes: ['contacts:full'],
  tokenCost: 3,
  params: { id: id('The ID of the organization', 'Organization') },
  output: deleted('The ID of the deleted organization'),
  sample: { id: 1 },
});
