import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { userId, userPermissions } from '../../schemas/users.js';

export default defineOperation({
  name: 'get_user_permissions',
  title: 'Get user permissions',
  description:
    'Returns what a user may do (`can_use_api`, `can_merge_deals`, `can_export_data_from_lists`, ...), over all their permission sets.',
  resource: 'users',
  method: 'GET',
  path: '/users/{id}/permissions',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 10,
  params: { id: userId() },
  output: single(userPermissions),
  sample: { id: 11 },
});
