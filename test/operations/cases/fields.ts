import { page } from '../../fixtures/entities.js';
import { enumField, monetaryField } from '../../fixtures/fields.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_deal_fields',
    input: {
      include_fields: ['ui_visibility', 'required_fields'],
      cursor: 'eyJvZmZzZXQiOjUwMH0',
      limit: 500,
    },
    method: 'GET',
    path: '/api/v2/dealFields',
    query: { include_fields: 'ui_visibility,required_fields', cursor: 'eyJvZmZzZXQiOjUwMH0', limit: '500' },
    reply: page(
      [
        monetaryField({
          ui_visibility: {
            add_visible_flag: true,
            details_visible_flag: true,
            show_in_pipelines: { show_in_all: true, pipeline_ids: [] },
          },
          required_fields: { enabled: true, stage_ids: [2, 3], statuses: { '1': ['won'] } },
        }),
        enumField(),
      ],
      'eyJvZmZzZXQiOjUwMn0',
    ),
  },
  {
    op: 'list_person_fields',
    input: { include_fields: ['important_fields'] },
    method: 'GET',
    path: '/api/v2/personFields',
    query: { include_fields: 'important_fields' },
    reply: page([
      enumField({ field_code: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', field_name: 'Preferred language' }),
      { ...monetaryField(), important_fields: { enabled: true, stage_ids: [2] } },
    ]),
  },
  {
    op: 'list_organization_fields',
    input: { include_fields: ['ui_visibility'], limit: 100 },
    method: 'GET',
    path: '/api/v2/organizationFields',
    query: { include_fields: 'ui_visibility', limit: '100' },
    reply: page([
      enumField({
        field_name: 'Industry',
        ui_visibility: {
          add_visible_flag: true,
          org_detail_visible_flag: true,
          show_in_add_deal_dialog: { show: false, order: null },
          show_in_add_person_dialog: { show: true, order: 2 },
        },
      }),
    ]),
  },
  {
    op: 'list_product_fields',
    input: { include_fields: ['ui_visibility'] },
    method: 'GET',
    path: '/api/v2/productFields',
    query: { include_fields: 'ui_visibility' },
    reply: page([
      {
        field_code: 'unit',
        field_name: 'Unit',
        field_type: 'varchar',
        is_custom_field: false,
        is_optional_response_field: false,
        options: null,
        subfields: null,
        ui_visibility: { add_visible_flag: true, details_visible_flag: true },
      },
    ]),
  },
  {
    op: 'list_activity_fields',
    input: { cursor: 'eyJvZmZzZXQiOjEwMH0' },
    method: 'GET',
    path: '/api/v2/activityFields',
    query: { cursor: 'eyJvZmZzZXQiOjEwMH0' },
    reply: page([
      enumField({
        field_code: 'priority',
        field_name: 'Priority',
        is_custom_field: false,
        options: [
          { id: 1, label: 'High', color: null, add_time: null, update_time: null },
          { id: 2, label: 'Medium', color: null, add_time: null, update_time: null },
        ],
      }),
    ]),
  },
];

export default cases;
