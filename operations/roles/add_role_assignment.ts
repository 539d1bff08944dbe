import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, id, record, single } from '../../schemas/common.js';
import { roleId } from '../../schemas/roles.js';

export default defineOperation({
  name: 'add_role_assignment',
  title: 'Add role assignment',
  description:
    'Assigns a user to a role; a user has one role, so this moves them from their current one. Admin only (`admin` scope).',
  resource: 'roles',
  method: 'POST',
  path: '/roles/{id}/assignments',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: roleId() },
  body: { user_id: id('The ID of the user to assign to the role', 'User') },
  output: single(
    record({
      user_id: describe(z.int(), 'The ID of the user'),
      role_id: describe(z.int(), 'The ID of the role'),
    }),
  ),
  sample: { id: 2, user_id: 12 },
});
