import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { permissionSetAssignment, permissionSetId } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_permission_set_assignments',
  title: 'List permission set assignments',
  description: 'Lists the users a permission set is assigned to. Admin only (`admin` scope).',
  resource: 'permission_sets',
  method: 'GET',
  path: '/permissionSets/{id}/assignments',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 20,
  params: { id: permissionSetId() },
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(permissionSetAssignment),
  sample: { id: 'f07d229d-088a-4144-a40f-1fe64295d180' },
});
