import { defineOperation } from '../../runtime/define.js';
import { permittedUsers, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_organization_permitted_users',
  title: 'Get organization permitted users',
  description: 'Returns the IDs of the users who may see an organization.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/{id}/permittedUsers',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: recordPath('organization'),
  output: permittedUsers,
  sample: { id: 1 },
});
