import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { updateUserBody, user, userId } from '../../schemas/users.js';

export default defineOperation({
  name: 'update_user',
  title: 'Update user',
  description:
    'Deactivates a user (`active_flag` false: they can no longer sign in) or activates them again; the API changes nothing else of a user. Admin only (`admin` scope).',
  resource: 'users',
  method: 'PUT',
  path: '/users/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: userId() },
  body: updateUserBody,
  output: single(user),
  sample: { id: 12, active_flag: false },
});
