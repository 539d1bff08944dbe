import { defineOperation } from '../../runtime/define.js';
import { describe, record, single } from '../../schemas/common.js';
import { role, roleId, roleSettings } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_role',
  title: 'Get role',
  description:
    'Returns a role, with its default visibility settings in `additional_data.settings`. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'GET',
  path: '/roles/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 2,
  params: { id: roleId() },
  output: single(role).extend({
    additional_data: record({
      settings: describe(roleSettings, 'The default visibility settings of the role'),
    }).nullish(),
  }),
  sample: { id: 2 },
});
