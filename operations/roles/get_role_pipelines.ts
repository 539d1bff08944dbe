import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, optional, single } from '../../schemas/common.js';
import { roleId, rolePipelines } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_role_pipelines',
  title: 'Get role pipelines',
  description:
    'Returns the IDs of the pipelines users of a role can see (or, with `visible` false, those hidden from them). Admin only (`admin` scope).',
  resource: 'roles',
  method: 'GET',
  path: '/roles/{id}/pipelines',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 20,
  params: { id: roleId() },
  query: optional({
    visible: describe(
      z.boolean(),
      'Whether to return the visible pipelines (true, the default) or the hidden ones',
    ),
  }),
  output: single(rolePipelines),
  sample: { id: 2, visible: true },
});
