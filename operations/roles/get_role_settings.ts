import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { roleId, roleSettings } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_role_settings',
  title: 'Get role settings',
  description:
    'Returns the default visibility of new deals, leads, organizations, persons and products for the users of a role. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'GET',
  path: '/roles/{id}/settings',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 20,
  params: { id: roleId() },
  output: single(roleSettings),
  sample: { id: 2 },
});
