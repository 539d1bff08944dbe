import { hits, ok, page } from '../../fixtures/entities.js';
import { project, projectActivity, projectSearchItem } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

/** A full add_project input: a POST body is sent exactly as given (custom fields by key need no definitions). */
const {
  id: _id,
  add_time: _a,
  update_time: _u,
  status_change_time: _s,
  archive_time: _t,
  ...fields
} = project();
const newProject = { ...fields, label_ids: [7], health_status: 1, template_id: 5 };

const cases: OperationCase[] = [
  {
    op: 'list_projects',
    input: {
      filter_id: 4,
      status: 'open,completed',
      phase_id: '11',
      deal_id: 101,
      person_id: 201,
      org_id: 301,
      limit: 100,
      custom_fields_by_name: false,
    },
    method: 'GET',
    path: '/api/v2/projects',
    query: {
      filter_id: '4',
      status: 'open,completed',
      phase_id: '11',
      deal_id: '101',
      person_id: '201',
      org_id: '301',
      limit: '100',
    },
    reply: page([project(31), project(32, { title: 'Northwind pilot', status: 'completed' })], 'cHJvajMy'),
  },
  {
    op: 'list_archived_projects',
    input: { status: ['completed', 'canceled'], cursor: 'cHJvajMy', custom_fields_by_name: false },
    method: 'GET',
    path: '/api/v2/projects/archived',
    query: { status: 'completed,canceled', cursor: 'cHJvajMy' },
    reply: page([project(33, { status: 'completed', archive_time: '2026-11-30T16:00:00Z' })]),
  },
  {
    op: 'search_projects',
    input: {
      term: 'acme',
      fields: ['title', 'notes'],
      exact_match: false,
      person_id: 201,
      organization_id: 301,
      limit: 10,
    },
    method: 'GET',
    path: '/api/v2/projects/search',
    query: {
      term: 'acme',
      fields: 'title,notes',
      exact_match: 'false',
      person_id: '201',
      organization_id: '301',
      limit: '10',
    },
    reply: hits([projectSearchItem()]),
  },
  {
    op: 'get_project',
    input: { id: '31', custom_fields_by_name: false },
    method: 'GET',
    path: '/api/v2/projects/31',
    reply: ok(project(31)),
  },
  {
    op: 'add_project',
    input: { ...newProject, custom_fields_by_name: false },
    method: 'POST',
    path: '/api/v2/projects',
    body: newProject,
    reply: ok(project(31, { label_ids: [7], health_status: 1 })),
  },
  {
    op: 'add_project',
    title: 'a title alone',
    input: { title: 'Northwind pilot', custom_fields_by_name: false },
    method: 'POST',
    path: '/api/v2/projects',
    body: { title: 'Northwind pilot' },
    reply: ok(project(32, { title: 'Northwind pilot', deal_ids: [], person_ids: [], org_ids: [] })),
  },
  {
    op: 'update_project',
    input: {
      id: 31,
      phase_id: '12',
      status: 'completed',
      end_date: '2027-01-15',
      custom_fields_by_name: false,
    },
    method: 'PATCH',
    path: '/api/v2/projects/31',
    body: { phase_id: 12, status: 'completed', end_date: '2027-01-15' },
    reply: ok(project(31, { phase_id: 12, status: 'completed', end_date: '2027-01-15' })),
  },
  {
    op: 'delete_project',
    input: { id: 32 },
    method: 'DELETE',
    path: '/api/v2/projects/32',
    reply: ok({ id: 32 }),
  },
  {
    op: 'archive_project',
    input: { id: 31, custom_fields_by_name: false },
    method: 'POST',
    path: '/api/v2/projects/31/archive',
    reply: ok(project(31, { archive_time: '2026-12-05T17:00:00Z' })),
  },
  {
    op: 'get_project_changelog',
    input: { id: 31, limit: 2 },
    method: 'GET',
    path: '/api/v2/projects/31/changelog',
    query: { limit: '2' },
    reply: page(
      [
        {
          time: '2026-12-03T14:20:00Z',
          actor_user_id: 11,
          change_source: 'app',
          change_source_user_agent: null,
          old_values: { phase_id: 11 },
          new_values: { phase_id: 12 },
        },
      ],
      'Y2hhbmdlMg',
    ),
  },
  {
    op: 'get_project_permitted_users',
    input: { id: 31 },
    method: 'GET',
    path: '/api/v2/projects/31/permittedUsers',
    reply: ok([11, 12]),
  },
  {
    op: 'get_project_plan',
    input: { id: 31 },
    method: 'GET',
    path: '/v1/projects/31/plan',
    reply: ok(
      [
        { item_id: 41, item_type: 'task', phase_id: 11, group_id: 3 },
        { item_id: 8, item_type: 'activity', phase_id: 11, group_id: null },
      ],
      null,
    ),
  },
  {
    op: 'get_project_groups',
    input: { id: 31 },
    method: 'GET',
    path: '/v1/projects/31/groups',
    reply: ok(
      [
        { id: 3, name: 'Preparation', order_nr: 1 },
        { id: 4, name: 'Training', order_nr: 2 },
      ],
      null,
    ),
  },
  {
    op: 'get_project_activities',
    input: { id: 31 },
    method: 'GET',
    path: '/v1/projects/31/activities',
    reply: ok([projectActivity(8)], { next_cursor: null }),
  },
  {
    op: 'update_project_plan_activity',
    input: { id: 31, activityId: '8', phase_id: 12, group_id: 4 },
    method: 'PUT',
    path: '/v1/projects/31/plan/activities/8',
    body: { phase_id: 12, group_id: 4 },
    reply: ok({ item_id: 8, item_type: 'activity', phase_id: 12, group_id: 4 }, null),
  },
  {
    op: 'update_project_plan_task',
    input: { id: 31, taskId: 41, group_id: '4' },
    method: 'PUT',
    path: '/v1/projects/31/plan/tasks/41',
    body: { group_id: 4 },
    reply: ok({ item_id: 41, item_type: 'task', phase_id: 11, group_id: 4 }, null),
  },
];

export default cases;
