import {
  PERMISSION_SET_GLOBAL_ADMIN,
  PERMISSION_SET_SALES,
  permissionSet,
  role,
  roleAssignment,
  visibilitySettings,
} from '../../fixtures/account.js';
import { ok } from '../../fixtures/entities.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** Roles and permission sets (API v1, admin only). */
const cases: OperationCase[] = [
  {
    op: 'list_roles',
    input: { start: 100, limit: 50 },
    method: 'GET',
    path: '/v1/roles',
    query: { start: '100', limit: '50' },
    reply: pageV1([role(1, '(Unassigned users)', { level: 1 }), role(3, 'Field sales')], 100),
  },
  {
    op: 'get_role',
    input: { id: '3' },
    method: 'GET',
    path: '/v1/roles/3',
    reply: ok(role(3, 'Field sales'), { settings: visibilitySettings() }),
  },
  {
    op: 'add_role',
    input: { name: 'Field sales', parent_role_id: 2 },
    method: 'POST',
    path: '/v1/roles',
    body: { name: 'Field sales', parent_role_id: 2 },
    reply: ok({ id: 3 }),
  },
  {
    op: 'add_role',
    title: 'top level',
    input: { name: 'Partners' },
    method: 'POST',
    path: '/v1/roles',
    body: { name: 'Partners' },
    reply: ok({ id: 4 }),
  },
  {
    op: 'update_role',
    input: { id: 3, name: 'Field sales Baltics', parent_role_id: '4' },
    method: 'PUT',
    path: '/v1/roles/3',
    body: { name: 'Field sales Baltics', parent_role_id: 4 },
    reply: ok({ id: 3 }),
  },
  {
    op: 'delete_role',
    input: { id: 3 },
    method: 'DELETE',
    path: '/v1/roles/3',
    reply: ok({ id: 3 }),
  },
  {
    op: 'get_role_assignments',
    input: { id: 3, limit: 2 },
    method: 'GET',
    path: '/v1/roles/3/assignments',
    query: { limit: '2' },
    reply: pageV1([roleAssignment(11, 3, 'Field sales'), roleAssignment(12, 3, 'Field sales')], 0, 2),
  },
  {
    op: 'add_role_assignment',
    input: { id: 3, user_id: '12' },
    method: 'POST',
    path: '/v1/roles/3/assignments',
    body: { user_id: 12 },
    reply: ok({ user_id: 12, role_id: 3 }),
  },
  {
    op: 'delete_role_assignment',
    // A DELETE with a JSON body: the user to take out of the role.
    input: { id: 3, user_id: 12 },
    method: 'DELETE',
    path: '/v1/roles/3/assignments',
    body: { user_id: 12 },
    reply: ok({ id: 3 }),
  },
  {
    op: 'get_role_pipelines',
    input: { id: 3, visible: 'false' },
    method: 'GET',
    path: '/v1/roles/3/pipelines',
    query: { visible: 'false' },
    reply: ok({ pipeline_ids: [4, 5], visible: false }),
  },
  {
    op: 'update_role_pipelines',
    input: { id: 3, visible_pipeline_ids: { add: [1, 2], remove: [4] } },
    method: 'PUT',
    path: '/v1/roles/3/pipelines',
    body: { visible_pipeline_ids: { add: [1, 2], remove: [4] } },
    reply: ok({ pipeline_ids: [1, 2, 3], visible: true }),
  },
  {
    op: 'update_role_pipelines',
    title: 'hide only',
    input: { id: 3, visible_pipeline_ids: { remove: [5] } },
    method: 'PUT',
    path: '/v1/roles/3/pipelines',
    body: { visible_pipeline_ids: { remove: [5] } },
    reply: ok({ pipeline_ids: [1, 2, 3], visible: true }),
  },
  {
    op: 'get_role_settings',
    input: { id: 3 },
    method: 'GET',
    path: '/v1/roles/3/settings',
    reply: ok(visibilitySettings({ deal_access_level: 1 })),
  },
  {
    op: 'add_or_update_role_setting',
    input: { id: 3, setting_key: 'lead_default_visibility', value: '1' },
    method: 'POST',
    path: '/v1/roles/3/settings',
    body: { setting_key: 'lead_default_visibility', value: 1 },
    reply: ok({ id: 3, lead_default_visibility: 1 }),
  },
  {
    op: 'list_permission_sets',
    input: { app: 'global' },
    method: 'GET',
    path: '/v1/permissionSets',
    query: { app: 'global' },
    reply: ok([permissionSet(PERMISSION_SET_GLOBAL_ADMIN, 'Global admin', 'global', 'admin', 1)]),
  },
  {
    op: 'list_permission_sets',
    title: 'every app',
    input: {},
    method: 'GET',
    path: '/v1/permissionSets',
    reply: ok([
      permissionSet(PERMISSION_SET_SALES, 'Deals regular user', 'sales', 'regular', 3),
      permissionSet(PERMISSION_SET_GLOBAL_ADMIN, 'Global admin', 'global', 'admin', 1),
    ]),
  },
  {
    op: 'get_permission_set',
    input: { id: PERMISSION_SET_SALES },
    method: 'GET',
    path: `/v1/permissionSets/${PERMISSION_SET_SALES}`,
    reply: ok({
      ...permissionSet(PERMISSION_SET_SALES, 'Deals regular user', 'sales', 'regular', 3),
      contents: ['can_add_products', 'can_use_api', 'can_export_data_from_lists'],
    }),
  },
  {
    op: 'get_permission_set_assignments',
    input: { id: PERMISSION_SET_SALES, start: 0, limit: 100 },
    method: 'GET',
    path: `/v1/permissionSets/${PERMISSION_SET_SALES}/assignments`,
    query: { start: '0', limit: '100' },
    reply: ok([
      { user_id: 11, permission_set_id: PERMISSION_SET_SALES, name: 'Deals regular user' },
      { user_id: 12, permission_set_id: PERMISSION_SET_SALES, name: 'Deals regular user' },
    ]),
  },
];

export default cases;
