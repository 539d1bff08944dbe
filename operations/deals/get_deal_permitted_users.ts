import { defineOperation } from '../../runtime/define.js';
import { permittedUsers, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_permitted_users',
  title: 'Get deal permitted users',
  description:
    'Returns the IDs of the users who may see a deal (by its visibility, ownership and following).',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/permittedUsers',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: recordPath('deal'),
  output: permittedUsers,
  sample: { id: 1 },
});
