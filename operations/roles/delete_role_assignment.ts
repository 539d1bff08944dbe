import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { roleId, roleRef } from '../../schemas/roles.js';

export default defineOperation({
  name: 'delete_role_assignment',
  title: 'Delete role assignment',
  description:
    'Removes a user from a role; the user goes back to the default role. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'DELETE',
  path: '/roles/{id}/assignments',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 6,
  params: { id: roleId() },
  body: { user_id: id('The ID of the user to remove from the role', 'User') },
  output: single(roleRef('The ID of the role')),
  sample: { id: 2, user_id: 12 },
});
