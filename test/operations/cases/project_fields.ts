import { ok, page } from '../../fixtures/entities.js';
import { monetaryField } from '../../fixtures/fields.js';
import { PROJECT_FIELD, projectField } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

const path = `/api/v2/projectFields/${PROJECT_FIELD}`;

/** A full add_project_field input: a POST body is sent exactly as given. */
const newField = {
  field_name: 'Delivery tier',
  field_type: 'enum',
  options: [{ label: 'Standard' }, { label: 'Premium' }],
  ui_visibility: { add_visible_flag: true, details_visible_flag: true },
  important_fields: { enabled: true, stage_ids: [2, 3] },
  required_fields: { enabled: false },
};

const cases: OperationCase[] = [
  {
    op: 'list_project_fields',
    input: { limit: 500, cursor: 'eyJvZmZzZXQiOjUwMH0' },
    method: 'GET',
    path: '/api/v2/projectFields',
    query: { limit: '500', cursor: 'eyJvZmZzZXQiOjUwMH0' },
    reply: page([monetaryField({ field_code: 'budget', field_name: 'Budget' }), projectField()]),
  },
  {
    op: 'get_project_field',
    input: { field_code: PROJECT_FIELD },
    method: 'GET',
    path,
    reply: ok(projectField()),
  },
  {
    op: 'add_project_field',
    input: newField,
    method: 'POST',
    path: '/api/v2/projectFields',
    body: newField,
    reply: ok(projectField({ important_fields: { enabled: true, stage_ids: [2, 3] } })),
  },
  {
    op: 'add_project_field',
    title: 'a field without options',
    input: { field_name: 'Go-live date', field_type: 'date' },
    method: 'POST',
    path: '/api/v2/projectFields',
    body: { field_name: 'Go-live date', field_type: 'date' },
    reply: ok(
      projectField({
        field_code: '0f2c5e1a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e',
        field_name: 'Go-live date',
        field_type: 'date',
        options: null,
      }),
    ),
  },
  {
    op: 'update_project_field',
    input: { field_code: PROJECT_FIELD, field_name: 'Service tier', required_fields: { enabled: true } },
    method: 'PATCH',
    path,
    body: { field_name: 'Service tier', required_fields: { enabled: true } },
    reply: ok(projectField({ field_name: 'Service tier', required_fields: { enabled: true } })),
  },
  {
    op: 'delete_project_field',
    input: { field_code: PROJECT_FIELD },
    method: 'DELETE',
    path,
    reply: ok(projectField()),
  },
  {
    op: 'add_project_field_options',
    input: { field_code: PROJECT_FIELD, options: [{ label: 'Enterprise' }, { label: 'Partner' }] },
    method: 'POST',
    path: `${path}/options`,
    body: [{ label: 'Enterprise' }, { label: 'Partner' }],
    reply: ok(
      [
        { id: 3, label: 'Enterprise' },
        { id: 4, label: 'Partner' },
      ],
      null,
    ),
  },
  {
    op: 'update_project_field_options',
    input: { field_code: PROJECT_FIELD, options: [{ id: '3', label: 'Enterprise plus' }] },
    method: 'PATCH',
    path: `${path}/options`,
    body: [{ id: 3, label: 'Enterprise plus' }],
    reply: ok([{ id: 3, label: 'Enterprise plus' }], null),
  },
  {
    op: 'delete_project_field_options',
    input: { field_code: PROJECT_FIELD, options: [{ id: 3 }, { id: 4 }] },
    method: 'DELETE',
    path: `${path}/options`,
    body: [{ id: 3 }, { id: 4 }],
    reply: ok(
      [
        { id: 3, label: 'Enterprise plus' },
        { id: 4, label: 'Partner' },
      ],
      null,
    ),
  },
];

export default cases;
