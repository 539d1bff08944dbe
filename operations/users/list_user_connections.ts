import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { userConnections } from '../../schemas/users.js';

export default defineOperation({
  name: 'list_user_connections',
  title: 'List user connections',
  description:
    'Returns the third-party accounts the user the connection acts as has connected (e.g. `google`: its account ID, or false).',
  resource: 'users',
  method: 'GET',
  path: '/userConnections',
  api: 'v1',
  scopes: ['base'],
  tokenCost: 20,
  output: single(userConnections),
  sample: {},
});
