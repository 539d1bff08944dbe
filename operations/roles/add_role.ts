import { defineOperation } from '../../runtime/define.js';
import { optional, single } from '../../schemas/common.js';
import { roleFields, roleRef } from '../../schemas/roles.js';

const { name, parent_role_id } = roleFields;

export default defineOperation({
  name: 'add_role',
  title: 'Add role',
  description:
    'Adds a role, at the top of the hierarchy or below `parent_role_id`, and returns its ID; assign users with `add_role_assignment`. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'POST',
  path: '/roles',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  body: { name, ...optional({ parent_role_id }) },
  output: single(roleRef('The ID of the new role')),
  sample: { name: 'Field sales', parent_role_id: 2 },
});
