import { defineOperation } from '../../runtime/define.js';
import { plainList } from '../../schemas/reference.js';
import { user } from '../../schemas/users.js';

export default defineOperation({
  name: 'list_users',
  title: 'List users',
  description: 'Returns all users of the company (not paginated), including deactivated ones.',
  resource: 'users',
  method: 'GET',
  path: '/users',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 20,
  output: plainList(user),
  sample: {},
});
