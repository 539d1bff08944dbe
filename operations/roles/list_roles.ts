import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { role } from '../../schemas/roles.js';

export default defineOperation({
  name: 'list_roles',
  title: 'List roles',
  description:
    'Returns the roles of the company with their place in the hierarchy (`parent_role_id`, `level`) and how many users each has. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'GET',
  path: '/roles',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 20,
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(role),
  sample: { limit: 100 },
});
