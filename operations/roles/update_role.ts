import { defineOperation } from '../../runtime/define.js';
import { optional, single } from '../../schemas/common.js';
import { roleFields, roleId, roleRef } from '../../schemas/roles.js';

export default defineOperation({
  name: 'update_role',
  title: 'Update role',
  description:
    'Renames a role or moves it below another parent role. Only the fields given change. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'PUT',
  path: '/roles/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: roleId() },
  body: optional(roleFields),
  output: single(roleRef('The ID of the updated role')),
  sample: { id: 3, name: 'Field sales Baltics' },
});
