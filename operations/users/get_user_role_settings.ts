import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { roleSettings } from '../../schemas/roles.js';
import { userId } from '../../schemas/users.js';

export default defineOperation({
  name: 'get_user_role_settings',
  title: 'Get user role settings',
  description:
    "Returns the settings of the user's role: the default visibility of the deals, leads, organizations, persons and products they add.",
  resource: 'users',
  method: 'GET',
  path: '/users/{id}/roleSettings',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 10,
  params: { id: userId() },
  output: single(roleSettings),
  sample: { id: 11 },
});
