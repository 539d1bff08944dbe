import { PERMISSION_SET_SALES, roleAssignment, visibilitySettings } from '../../fixtures/account.js';
import { ok } from '../../fixtures/entities.js';
import { note } from '../../fixtures/notes.js';
import { pageV1 } from '../../fixtures/reference.js';
import { user } from '../../fixtures/users.js';
import type { OperationCase } from '../harness.js';

/** Users admin, the user's settings and connections, billing add-ons and the recent changes (API v1). */
const access = [
  { app: 'sales', permission_set_id: PERMISSION_SET_SALES },
  { app: 'global', admin: true },
  { app: 'account_settings' },
];
const liis = { name: 'Liis Saar', email: 'liis.saar@acme-sales.example', activated: false };

const cases: OperationCase[] = [
  {
    op: 'add_user',
    input: { email: 'liis.saar@acme-sales.example', access, active_flag: true },
    method: 'POST',
    path: '/v1/users',
    body: { email: 'liis.saar@acme-sales.example', access, active_flag: true },
    reply: ok(user(14, liis)),
  },
  {
    op: 'add_user',
    title: 'default access',
    input: { email: 'liis.saar@acme-sales.example' },
    method: 'POST',
    path: '/v1/users',
    body: { email: 'liis.saar@acme-sales.example' },
    reply: ok(user(14, liis)),
  },
  {
    op: 'update_user',
    input: { id: '14', active_flag: 'false' },
    method: 'PUT',
    path: '/v1/users/14',
    body: { active_flag: false },
    reply: ok(user(14, { ...liis, active_flag: false })),
  },
  {
    op: 'get_user_permissions',
    input: { id: 11 },
    method: 'GET',
    path: '/v1/users/11/permissions',
    reply: ok({ can_use_api: true, can_merge_deals: false, can_export_data_from_lists: true }),
  },
  {
    op: 'get_user_role_assignments',
    input: { id: 11, start: 0, limit: 10 },
    method: 'GET',
    path: '/v1/users/11/roleAssignments',
    query: { start: '0', limit: '10' },
    reply: pageV1([roleAssignment(11, 3, 'Field sales')]),
  },
  {
    op: 'get_user_role_settings',
    input: { id: 11 },
    method: 'GET',
    path: '/v1/users/11/roleSettings',
    reply: ok(visibilitySettings()),
  },
  {
    op: 'list_user_settings',
    input: {},
    method: 'GET',
    path: '/v1/userSettings',
    reply: ok({
      marketplace_team: false,
      list_limit: 100,
      beta_app: false,
      callto_link_syntax: 'callto:[number]',
      person_duplicate_condition: 'name && (org_id || email || phone)',
      show_import_link: true,
    }),
  },
  {
    op: 'list_user_connections',
    input: {},
    method: 'GET',
    path: '/v1/userConnections',
    reply: ok({ google: false }),
  },
  {
    op: 'list_company_addons',
    input: {},
    method: 'GET',
    path: '/v1/billing/subscriptions/addons',
    reply: ok([{ code: 'leadbooster_v2' }, { code: 'smart_docs_v2' }]),
  },
  {
    op: 'list_recents',
    input: { since_timestamp: '2026-11-20 00:00:00', items: 'deal,note', start: 0, limit: 2 },
    method: 'GET',
    path: '/v1/recents',
    query: { since_timestamp: '2026-11-20 00:00:00', items: 'deal,note', start: '0', limit: '2' },
    reply: ok(
      [
        {
          item: 'deal',
          id: 101,
          data: { id: 101, title: 'Acme renewal 2026', status: 'open', value: 12000 },
        },
        { item: 'note', id: 801, data: note(801) },
      ],
      {
        since_timestamp: '2026-11-20 00:00:00',
        last_timestamp_on_page: '2026-11-20 09:30:00',
        pagination: { start: 0, limit: 2, more_items_in_collection: true, next_start: 2 },
      },
    ),
  },
  {
    op: 'list_recents',
    title: 'every kind of record',
    input: { since_timestamp: '2026-11-20 00:00:00' },
    method: 'GET',
    path: '/v1/recents',
    query: { since_timestamp: '2026-11-20 00:00:00' },
    reply: pageV1([{ item: 'user', id: 14, data: user(14, liis) }]),
  },
];

export default cases;
