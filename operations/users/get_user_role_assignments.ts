import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { roleAssignment } from '../../schemas/roles.js';
import { userId } from '../../schemas/users.js';

export default defineOperation({
  name: 'get_user_role_assignments',
  title: 'List user role assignments',
  description: 'Lists the role assignments of a user, with the role and its parent.',
  resource: 'users',
  method: 'GET',
  path: '/users/{id}/roleAssignments',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 10,
  params: { id: userId() },
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(roleAssignment),
  sample: { id: 11 },
});
