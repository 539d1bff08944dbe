import { defineOperation } from '../../runtime/define.js';
import { permittedUsers, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_person_permitted_users',
  title: 'Get person permitted users',
  description: 'Returns the IDs of the users who may see a person.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}/permittedUsers',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: recordPath('person'),
  output: permittedUsers,
  sample: { id: 1 },
});
