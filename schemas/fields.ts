import { z } from 'zod';
import { csv, describe, labelled, optional, record } from './common.js';

const namespaces = {
  ui_visibility: 'UI visibility',
  important_fields: 'Important fields',
  required_fields: 'Required fields',
} as const;

/**
 * Query of the field lists: `include_fields`, the optional data namespaces. Deal, person and organization
 * fields know all three; product and activity fields only `ui_visibility`.
 */
export const fieldListQuery = (all: boolean) =>
  optional({
    include_fields: csv(
      all
        ? labelled(namespaces, 'A namespace')
        : labelled({ ui_visibility: namespaces.ui_visibility }, 'A namespace'),
      'Additional data to include in each field definition',
    ),
  });

const shown = (where: string) =>
  describe(
    record({
      show: describe(z.boolean(), `Whether the field is shown in the ${where}`),
      order: describe(z.int(), `Its position in the ${where} (null when not shown)`),
    }),
    `Display in the ${where}`,
  );

const stageRule = (what: string) => ({
  enabled: describe(z.boolean(), `Whether the field is ${what}`),
  stage_ids: describe(z.array(z.int()), `The IDs of the (deal) stages where the field is ${what}`),
});

/** A field definition (API v2), the same model for deal, person, organization, product and activity fields. */
export const fieldDefinition = record({
  field_code: describe(
    z.string(),
    'The key of the field: a 40-character hash for custom fields, the property name for standard ones',
  ),
  field_name: describe(z.string(), 'The display name of the field'),
  field_type: describe(
    z.string(),
    'The type of the field, e.g. varchar, text, double, monetary, date, enum, set, address, user, org, people',
  ),
  description: describe(z.string(), 'The description of the field'),
  is_custom_field: describe(z.boolean(), 'Whether the field was created by the company'),
  is_optional_response_field: describe(
    z.boolean(),
    'Whether the field is left out of the records unless asked for (e.g. with `include_fields`)',
  ),
  options: describe(
    z.array(
      record({
        id: describe(z.union([z.int(), z.string()]), 'The ID of the option (the stored value)'),
        label: describe(z.string(), 'The label of the option'),
        color: describe(z.string(), 'The color of the option'),
        add_time: describe(z.string(), 'When the option was created'),
        update_time: describe(z.string(), 'When the option was last updated'),
      }),
    ),
    'The options of enum and set fields; null for other types',
  ),
  subfields: describe(
    z.array(
      record({
        field_code: describe(z.string(), 'The key of the subfield'),
        field_name: describe(z.string(), 'The display name of the subfield'),
        field_type: describe(z.string(), 'The type of the subfield'),
      }),
    ),
    'The parts of composite fields (address, monetary); null for other types',
  ),
  ui_visibility: describe(
    record({
      add_visible_flag: describe(z.boolean(), 'Whether the field is shown in the add dialog'),
      details_visible_flag: describe(z.boolean(), 'Whether the field is shown in the details view'),
      projects_detail_visible_flag: describe(z.boolean(), 'Whether the field is shown in project details'),
      org_detail_visible_flag: describe(z.boolean(), 'Whether the field is shown in organization details'),
      person_detail_visible_flag: describe(z.boolean(), 'Whether the field is shown in person details'),
      deal_detail_visible_flag: describe(z.boolean(), 'Whether the field is shown in deal details'),
      show_in_pipelines: describe(
        record({
          show_in_all: describe(z.boolean(), 'Whether the field is shown in all pipelines'),
          pipeline_ids: describe(z.array(z.int()), 'The pipelines showing the field, when not all'),
        }),
        'The pipelines the field is shown in',
      ),
      show_in_add_deal_dialog: shown('add deal dialog'),
      show_in_add_person_dialog: shown('add person dialog'),
    }),
    'Where the field is shown (with `include_fields=ui_visibility`)',
  ),
  important_fields: describe(
    record(stageRule('marked as important')),
    'Whether and where the field is important (with `include_fields=important_fields`)',
  ),
  required_fields: describe(
    record({
      ...stageRule('required'),
      statuses: describe(
        z.record(z.string(), z.array(z.string())),
        'Deal statuses requiring the field, by pipeline ID',
      ),
    }),
    'Whether and where the field is required (with `include_fields=required_fields`)',
  ),
});

// ---------- writing field definitions ----------

/** The key of a field in the path of the field endpoints. */
export const fieldCode = (entity: string) =>
  describe(
    z.string().min(1),
    `The key of the ${entity} field: the 40-character hash of a custom field, or the name of a standard one (\`field_code\` of list_${entity}_fields)`,
    'Field code',
  );

/** `field_type` of a new field. */
export const fieldType = () =>
  labelled(
    {
      varchar: 'Text (up to 255 characters)',
      varchar_auto: 'Autocomplete text (up to 255 characters)',
      text: 'Long text (up to 65,000 characters)',
      double: 'Number',
      monetary: 'Monetary (amount and currency)',
      date: 'Date',
      daterange: 'Date range',
      time: 'Time',
      timerange: 'Time range',
      enum: 'Single option',
      set: 'Multiple options',
      user: 'User',
      org: 'Organization',
      people: 'Person',
      phone: 'Phone',
      address: 'Address',
    },
    'The type of the field; it cannot be changed later. `enum` and `set` fields take `options`.',
  );

const optionLabel = describe(z.string().min(1), 'The label of the option');
const optionId = describe(z.int().positive(), 'The ID of the option (`options[].id` of the field)');

/** The options of a new `enum` or `set` field. */
export const newFieldOptions = () =>
  describe(
    z.array(z.strictObject({ label: optionLabel })).min(1),
    'The options of an `enum` or `set` field (required for those types), e.g. `[{"label": "Gold"}]`',
  );

/**
 * The list bodies of the option endpoints, all or nothing: options to add, options to relabel, options to
 * delete (each atomic: one unknown ID and nothing changes).
 */
export const fieldOptionChanges = {
  add: () => newFieldOptions(),
  update: () =>
    describe(
      z.array(z.strictObject({ id: optionId, label: optionLabel })).min(1),
      'The options to relabel: each `id` with its new `label`',
    ),
  delete: () => describe(z.array(z.strictObject({ id: optionId })).min(1), 'The options to delete, by `id`'),
};

/** The answer of the option endpoints: the options added, updated or deleted. */
export const changedFieldOptions = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  data: z
    .array(
      record({
        id: describe(z.int(), 'The ID of the option'),
        label: describe(z.string(), 'The label of the option'),
      }),
    )
    .nullable(),
  additional_data: describe(z.record(z.string(), z.unknown()), 'Nothing for these calls (null)').nullish(),
});

// ---------- project fields ----------

const flag = (description: string) => describe(z.boolean(), description);

export const projectFieldName = describe(z.string().min(1), 'The name of the field');

/** Body of add_project_field (which makes `field_name` required and adds `field_type` and `options`) and update_project_field. */
export const projectFieldBody = optional({
  field_name: projectFieldName,
  ui_visibility: describe(
    z.strictObject(
      optional({
        add_visible_flag: flag('Whether the field is shown in the add project dialog (default false)'),
        details_visible_flag: flag('Whether the field is shown in the project details (default true)'),
      }),
    ),
    'Where the field is shown in the Pipedrive web app',
  ),
  important_fields: describe(
    z.strictObject(
      optional({
        enabled: flag(
          'Whether the field is highlighted as important (default false): everywhere, or only at `stage_ids`',
        ),
        stage_ids: describe(
          z.array(z.int().positive()),
          'The IDs of the deal stages where the field is important (empty: everywhere, or not enabled)',
        ),
      }),
    ),
    'Highlighting the field as important',
  ),
  required_fields: describe(
    z.strictObject(
      optional({
        enabled: flag(
          'Whether the field must be filled in when a project is added or updated in the web app (default false)',
        ),
      }),
    ),
    'Making the field required in the Pipedrive web app',
  ),
});
