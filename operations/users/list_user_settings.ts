import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { userSettings } from '../../schemas/users.js';

export default defineOperation({
  name: 'list_user_settings',
  title: 'List user settings',
  description:
    'Returns the settings of the user the connection acts as (list size, call link syntax, duplicate rule, ...): one object of many keys, a few of them documented.',
  resource: 'users',
  method: 'GET',
  path: '/userSettings',
  api: 'v1',
  scopes: ['base'],
  tokenCost: 2,
  output: single(userSettings),
  sample: {},
});
