import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, record, single } from '../../schemas/common.js';
import { roleId, roleSettingBody, roleSettings } from '../../schemas/roles.js';

export default defineOperation({
  name: 'add_or_update_role_setting',
  title: 'Add or update role setting',
  description:
    'Sets the default visibility one kind of record (deals, leads, organizations, persons or products) gets when a user of the role adds it. The values depend on the plan (see `value`). Admin only (`admin` scope).',
  resource: 'roles',
  method: 'POST',
  path: '/roles/{id}/settings',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: roleId() },
  body: roleSettingBody,
  // The answer names the role and the setting it changed: `{ id, deal_default_visibility: 1 }`.
  output: single(roleSettings.extend(record({ id: describe(z.int(), 'The ID of the role') }).shape)),
  sample: { id: 2, setting_key: 'deal_default_visibility', value: 3 },
});
