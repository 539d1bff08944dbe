import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { roleId, roleRef } from '../../schemas/roles.js';

export default defineOperation({
  name: 'delete_role',
  title: 'Delete role',
  description: 'Marks a role as deleted. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'DELETE',
  path: '/roles/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 6,
  params: { id: roleId() },
  output: single(roleRef('The ID of the deleted role')),
  sample: { id: 3 },
});
