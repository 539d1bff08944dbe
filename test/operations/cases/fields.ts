import { ok, page } from '../../fixtures/entities.js';
import { customField, enumField, FIELD_CODE, monetaryField, optionsAnswer } from '../../fixtures/fields.js';
import type { OperationCase } from '../harness.js';

/** New fields with every setting of their kind: the body goes out as given. */
const dealField = {
  field_name: 'Contract length',
  field_type: 'enum',
  options: [{ label: '12 months' }, { label: '24 months' }],
  ui_visibility: {
    add_visible_flag: true,
    details_visible_flag: true,
    projects_detail_visible_flag: false,
    show_in_pipelines: { show_in_all: false, pipeline_ids: [1, 2] },
  },
  important_fields: { enabled: true, stage_ids: [2] },
  required_fields: { enabled: true, stage_ids: [3], statuses: { '1': ['won', 'lost'] } },
  description: 'The length of the signed contract',
};
const formPipelines = { show_in_all: 'false', pipeline_ids: ['1', 2] };

const personField = {
  field_name: 'Preferred language',
  field_type: 'varchar',
  ui_visibility: { add_visible_flag: true, show_in_add_deal_dialog: { show: true } },
  important_fields: { enabled: true },
  required_fields: { enabled: false },
};

const organizationField = {
  field_name: 'Industry segment',
  field_type: 'set',
  options: [{ label: 'Retail' }, { label: 'Logistics' }],
  ui_visibility: {
    show_in_add_deal_dialog: { show: true, order: 3 },
    show_in_add_person_dialog: { show: false, order: null },
  },
};

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
  // ----- one field: get, add, update, delete (API v2, by field_code) -----
  {
    op: 'get_deal_field',
    input: { field_code: FIELD_CODE, include_fields: 'ui_visibility,required_fields' },
    method: 'GET',
    path: `/api/v2/dealFields/${FIELD_CODE}`,
    query: { include_fields: 'ui_visibility,required_fields' },
    reply: ok(
      customField({
        ui_visibility: {
          add_visible_flag: true,
          show_in_pipelines: { show_in_all: false, pipeline_ids: [1] },
        },
        required_fields: { enabled: true, stage_ids: [3], statuses: { '1': ['won'] } },
      }),
    ),
  },
  {
    op: 'get_person_field',
    title: 'a standard field, by its property name',
    input: { field_code: 'name' },
    method: 'GET',
    path: '/api/v2/personFields/name',
    reply: ok({ ...monetaryField(), field_code: 'name', field_name: 'Name', field_type: 'varchar' }),
  },
  {
    op: 'get_organization_field',
    input: { field_code: FIELD_CODE, include_fields: ['important_fields'] },
    method: 'GET',
    path: `/api/v2/organizationFields/${FIELD_CODE}`,
    query: { include_fields: 'important_fields' },
    reply: ok(customField({ important_fields: { enabled: true, stage_ids: [] } })),
  },
  {
    op: 'get_product_field',
    input: { field_code: FIELD_CODE, include_fields: ['ui_visibility'] },
    method: 'GET',
    path: `/api/v2/productFields/${FIELD_CODE}`,
    query: { include_fields: 'ui_visibility' },
    reply: ok(customField({ ui_visibility: { add_visible_flag: false, details_visible_flag: true } })),
  },
  {
    op: 'get_activity_field',
    input: { field_code: 'priority' },
    method: 'GET',
    path: '/api/v2/activityFields/priority',
    reply: ok(enumField({ field_code: 'priority', field_name: 'Priority', is_custom_field: false })),
  },
  {
    op: 'add_deal_field',
    input: { ...dealField, ui_visibility: { ...dealField.ui_visibility, show_in_pipelines: formPipelines } },
    method: 'POST',
    path: '/api/v2/dealFields',
    // A form's strings are read as the schema's types: the flag goes out as a boolean, the IDs as numbers.
    body: dealField,
    reply: ok(customField({ description: 'The length of the signed contract' })),
  },
  {
    op: 'add_person_field',
    input: personField,
    method: 'POST',
    path: '/api/v2/personFields',
    body: personField,
    reply: ok(customField({ field_name: 'Preferred language', field_type: 'varchar', options: null })),
  },
  {
    op: 'add_organization_field',
    input: organizationField,
    method: 'POST',
    path: '/api/v2/organizationFields',
    body: organizationField,
    reply: ok(customField({ field_name: 'Industry segment', field_type: 'set' })),
  },
  {
    op: 'add_product_field',
    input: { field_name: 'Warranty (months)', field_type: 'double' },
    method: 'POST',
    path: '/api/v2/productFields',
    body: { field_name: 'Warranty (months)', field_type: 'double' },
    reply: ok(customField({ field_name: 'Warranty (months)', field_type: 'double', options: null })),
  },
  {
    op: 'update_deal_field',
    input: { field_code: FIELD_CODE, field_name: 'Contract term', description: null },
    method: 'PATCH',
    path: `/api/v2/dealFields/${FIELD_CODE}`,
    body: { field_name: 'Contract term', description: null },
    reply: ok(customField({ field_name: 'Contract term' })),
  },
  {
    op: 'update_person_field',
    input: { field_code: FIELD_CODE, required_fields: { enabled: true } },
    method: 'PATCH',
    path: `/api/v2/personFields/${FIELD_CODE}`,
    body: { required_fields: { enabled: true } },
    reply: ok(customField()),
  },
  {
    op: 'update_organization_field',
    input: { field_code: FIELD_CODE, important_fields: { enabled: true, stage_ids: [] } },
    method: 'PATCH',
    path: `/api/v2/organizationFields/${FIELD_CODE}`,
    body: { important_fields: { enabled: true, stage_ids: [] } },
    reply: ok(customField({ important_fields: { enabled: true, stage_ids: [] } })),
  },
  {
    op: 'update_product_field',
    input: { field_code: FIELD_CODE, ui_visibility: { details_visible_flag: 'false' } },
    method: 'PATCH',
    path: `/api/v2/productFields/${FIELD_CODE}`,
    body: { ui_visibility: { details_visible_flag: false } },
    reply: ok(customField()),
  },
  ...(['deal', 'person', 'organization', 'product'] as const).map((entity) => ({
    op: `delete_${entity}_field`,
    input: { field_code: FIELD_CODE },
    method: 'DELETE' as const,
    path: `/api/v2/${entity}Fields/${FIELD_CODE}`,
    reply: ok(customField()),
  })),

  // ----- options of enum and set fields: a top-level array body -----
  ...(['deal', 'person', 'organization', 'product'] as const).flatMap((entity): OperationCase[] => [
    {
      op: `add_${entity}_field_options`,
      input: { field_code: FIELD_CODE, options: [{ label: 'Gold' }, { label: 'Platinum' }] },
      method: 'POST',
      path: `/api/v2/${entity}Fields/${FIELD_CODE}/options`,
      body: [{ label: 'Gold' }, { label: 'Platinum' }],
      reply: optionsAnswer([
        { id: 14, label: 'Gold' },
        { id: 15, label: 'Platinum' },
      ]),
    },
    {
      op: `update_${entity}_field_options`,
      input: { field_code: FIELD_CODE, options: [{ id: '12', label: '12 months (annual)' }] },
      method: 'PATCH',
      path: `/api/v2/${entity}Fields/${FIELD_CODE}/options`,
      body: [{ id: 12, label: '12 months (annual)' }],
      reply: optionsAnswer([{ id: 12, label: '12 months (annual)' }]),
    },
    {
      op: `delete_${entity}_field_options`,
      input: { field_code: FIELD_CODE, options: [{ id: 12 }, { id: 13 }] },
      method: 'DELETE',
      path: `/api/v2/${entity}Fields/${FIELD_CODE}/options`,
      body: [{ id: 12 }, { id: 13 }],
      reply: optionsAnswer([
        { id: 12, label: '12 months' },
        { id: 13, label: '24 months' },
      ]),
    },
  ]),
  // ----- API v1: bulk deletes by numeric ID, note fields -----
  ...(['deal', 'person', 'organization', 'product'] as const).map((entity) => ({
    op: `delete_many_${entity}_fields`,
    input: { ids: '51,52' },
    method: 'DELETE' as const,
    path: `/v1/${entity}Fields`,
    query: { ids: '51,52' },
    reply: ok({ id: [51, 52] }),
  })),
  {
    op: 'list_note_fields',
    input: {},
    method: 'GET',
    path: '/v1/noteFields',
    reply: ok(
      [
        {
          id: 1,
          key: 'content',
          name: 'Content',
          field_type: 'text',
          active_flag: true,
          edit_flag: false,
          bulk_edit_allowed: true,
          mandatory_flag: true,
        },
        {
          id: 2,
          key: 'pinned_to_deal_flag',
          name: 'Note is pinned to deal',
          field_type: 'enum',
          active_flag: true,
          edit_flag: true,
          bulk_edit_allowed: true,
          options: [
            { id: 1, label: 'Yes' },
            { id: 0, label: 'No' },
          ],
          mandatory_flag: true,
        },
      ],
      { pagination: { start: 0, limit: 100, more_items_in_collection: false } },
    ),
  },
];

export default cases;
