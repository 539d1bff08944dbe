import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { roleId, rolePipelines, visiblePipelineIds } from '../../schemas/roles.js';

export default defineOperation({
  name: 'update_role_pipelines',
  title: 'Update role pipelines',
  description:
    'Makes pipelines visible (`add`) or hidden (`remove`) for the users of a role, and returns the visible ones. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'PUT',
  path: '/roles/{id}/pipelines',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: roleId() },
  body: { visible_pipeline_ids: visiblePipelineIds },
  output: single(rolePipelines),
  sample: { id: 2, visible_pipeline_ids: { add: [1], remove: [3, 4] } },
});
