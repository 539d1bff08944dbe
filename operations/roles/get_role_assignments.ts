import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { roleAssignment, roleId } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_role_assignments',
  title: 'List role assignments',
  description: 'Lists the users assigned to a role. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'GET',
  path: '/roles/{id}/assignments',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: roleId() },
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(roleAssignment),
  sample: { id: 2 },
});
