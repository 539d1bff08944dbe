import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { addUserBody, user } from '../../schemas/users.js';

export default defineOperation({
  name: 'add_user',
  title: 'Add user',
  description:
    'Adds a user to the company by email address (Pipedrive invites them; a seat of the subscription), with access to the apps given in `access` (default: sales). Admin only (`admin` scope).',
  resource: 'users',
  method: 'POST',
  path: '/users',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  body: addUserBody,
  output: single(user),
  sample: {
    email: 'liis.saar@acme-sales.example',
    access: [{ app: 'sales' }, { app: 'global', admin: false }],
  },
});
