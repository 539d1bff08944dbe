import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { user, userId } from '../../schemas/users.js';

export default defineOperation({
  name: 'get_user',
  title: 'Get user',
  description: 'Returns the details of a user of the company.',
  resource: 'users',
  method: 'GET',
  path: '/users/{id}',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 2,
  params: { id: userId() },
  output: single(user),
  sample: { id: 1 },
});
