import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { permissionSet, permissionSetId } from '../../schemas/roles.js';

export default defineOperation({
  name: 'get_permission_set',
  title: 'Get permission set',
  description:
    'Returns a permission set with the permissions it grants (`contents`, e.g. `can_use_api`). Admin only (`admin` scope).',
  resource: 'permission_sets',
  method: 'GET',
  path: '/permissionSets/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 2,
  params: { id: permissionSetId() },
  // Pipedrive's example answers with the set in a one-item array; either shape is accepted (errata: contract-v1).
  output: single(z.union([permissionSet, z.array(permissionSet)])),
  sample: { id: 'f07d229d-088a-4144-a40f-1fe64295d180' },
});
