import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { currentUser } from '../../schemas/users.js';

export default defineOperation({
  name: 'get_current_user',
  title: 'Get current user',
  description:
    'Returns the user the connection acts as, with their company (ID, name, domain) and language. `locale` is the date and number format, not the language.',
  resource: 'users',
  method: 'GET',
  path: '/users/me',
  api: 'v1',
  scopes: ['base'],
  tokenCost: 2,
  output: single(currentUser),
  sample: {},
});
