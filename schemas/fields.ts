import { z } from 'zod';
import { csv, describe, labelled, optional, record, single } from './common.js';

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

// ---------- adding, changing and deleting fields (API v2) ----------

/** The records whose fields can be added, changed and deleted. */
export type FieldEntity = 'deal' | 'person' | 'organization' | 'product' | 'project';

/** `{field_code}` of the field endpoints: a dropdown of the entity's fields. */
export const fieldCode = (entity: FieldEntity | 'activity') =>
  z
    .string()
    // A path segment: letters, digits, `_` and `-` only (never `.` or `..`, which would change the path).
    .regex(/^[\w-]+$/, 'expected a field_code: letters, digits, _ or -')
    .meta({
      title: 'Field',
      description: `The \`field_code\` of the ${entity} field: the 40-character hash of a custom field, the property name of a standard one`,
      'x-lookup': { lookup: `${entity}_fields` },
    });

/** The types a custom field is created with; the type cannot be changed later. */
const fieldType = () =>
  labelled(
    {
      varchar: 'Text (up to 255 characters)',
      varchar_auto: 'Autocomplete text (up to 255 characters)',
      text: 'Long text (up to 65,000 characters)',
      double: 'Number',
      monetary: 'Monetary (amount and currency)',
      date: 'Date (YYYY-MM-DD)',
      daterange: 'Date range (start and end date)',
      time: 'Time (HH:MM:SS)',
      timerange: 'Time range (start and end time)',
      enum: 'Single option',
      set: 'Multiple options',
      user: 'User',
      org: 'Organization',
      people: 'Person',
      phone: 'Phone',
      address: 'Address',
    },
    'The type of the field; it cannot be changed later. `enum` (one option) and `set` (several) need `options`.',
    'Field type',
  );

const fieldName = () => describe(z.string().min(1), 'The name of the field as people see it', 'Field name');
const optionLabel = () => describe(z.string().min(1), 'The label of the option', 'Label');
const optionId = () =>
  describe(
    z.int().positive(),
    "The ID of the option (`options[].id` of the field's definition)",
    'Option ID',
  );

/** Where a field shows in an add dialog of another record. */
const dialog = (name: string) =>
  describe(
    z.strictObject(
      optional({
        show: describe(z.boolean(), `Whether the field is shown in the ${name} dialog (default false)`),
        order: describe(
          z.int().min(0).nullable(),
          `The position of the field in the ${name} dialog; Pipedrive assigns it when \`show\` turns true and clears it when false`,
        ),
      }),
    ),
    `Whether the field is shown in the ${name} dialog`,
  );

const visibilityFlags = (entity: FieldEntity) => ({
  add_visible_flag: describe(
    z.boolean(),
    `Whether the field is shown in the add ${entity} dialog (default false; required system fields always are)`,
  ),
  details_visible_flag: describe(
    z.boolean(),
    `Whether the field is shown in the ${entity} details view (default true)`,
  ),
});

const uiVisibility = <S extends Record<string, z.ZodType>>(shape: S) =>
  describe(
    z.strictObject(optional(shape)),
    "Where the field is shown in Pipedrive's web app; only the flags given change",
    'UI visibility',
  );

const stageIds = (what: string) =>
  describe(
    z.array(z.int().positive()),
    `The IDs of the deal stages where the field is ${what}; empty (with \`enabled\`) means everywhere`,
  );

const important = () =>
  describe(
    z.strictObject(
      optional({
        enabled: describe(z.boolean(), 'Whether the field is highlighted as important (default false)'),
        stage_ids: stageIds('important'),
      }),
    ),
    'Whether (and at which deal stages) the field is highlighted as important',
  );

/** What a field of each entity can be set up with, besides its name, type and options. */
const fieldSettings = {
  deal: {
    ui_visibility: uiVisibility({
      ...visibilityFlags('deal'),
      projects_detail_visible_flag: describe(
        z.boolean(),
        'Whether the field is shown in the details of a project the deal is linked to (default false)',
      ),
      show_in_pipelines: describe(
        z.strictObject(
          optional({
            show_in_all: describe(
              z.boolean(),
              'Whether the field is shown in every pipeline (default true); false shows it in `pipeline_ids` only',
            ),
            pipeline_ids: describe(
              z.array(z.int().positive()),
              'The IDs of the pipelines showing the field, when `show_in_all` is false',
            ),
          }),
        ),
        'The pipelines the field is shown in; an important or required field must be shown where it is so',
      ),
    }),
    important_fields: important(),
    required_fields: describe(
      z.strictObject(
        optional({
          enabled: describe(z.boolean(), 'Whether the field is required (default false)'),
          stage_ids: stageIds('required'),
          statuses: describe(
            z.record(
              z.string().regex(/^\d+$/, 'expected a pipeline ID'),
              z.array(labelled({ won: 'Won', lost: 'Lost' }, 'A deal status')),
            ),
            'By pipeline ID, the statuses that need the field when a deal gets them, e.g. `{"1": ["won", "lost"], "2": ["won"]}`',
          ),
        }),
      ),
      'Whether (and at which deal stages or statuses) the field must be filled in the web app',
    ),
    description: describe(
      z.string().nullable(),
      'The description of the field, shown to users as help; null removes it',
    ),
  },
  person: {
    ui_visibility: uiVisibility({
      ...visibilityFlags('person'),
      show_in_add_deal_dialog: dialog('add deal'),
    }),
    important_fields: important(),
    required_fields: describe(
      z.strictObject(
        optional({
          enabled: describe(z.boolean(), 'Whether the field is required when adding or updating persons'),
        }),
      ),
      'Whether the field must be filled in the web app',
    ),
  },
  organization: {
    ui_visibility: uiVisibility({
      ...visibilityFlags('organization'),
      show_in_add_deal_dialog: dialog('add deal'),
      show_in_add_person_dialog: dialog('add person'),
    }),
    important_fields: important(),
    required_fields: describe(
      z.strictObject(
        optional({
          enabled: describe(
            z.boolean(),
            'Whether the field is required when adding or updating organizations',
          ),
        }),
      ),
      'Whether the field must be filled in the web app',
    ),
  },
  product: {
    ui_visibility: uiVisibility(visibilityFlags('product')),
  },
  project: {
    ui_visibility: uiVisibility(visibilityFlags('project')),
    important_fields: important(),
    required_fields: describe(
      z.strictObject(
        optional({
          enabled: describe(
            z.boolean(),
            'Whether the field must be filled in when a project is added or updated in the web app (default false)',
          ),
        }),
      ),
      'Whether the field must be filled in the web app',
    ),
  },
} as const;

/** The body of add_<entity>_field: name and type required, options for `enum` and `set`. */
export const newField = <E extends FieldEntity>(entity: E) => ({
  field_name: fieldName(),
  field_type: fieldType(),
  ...optional({
    options: describe(
      z.array(z.strictObject({ label: optionLabel() })).min(1),
      'The options of an `enum` or `set` field (required for those types), e.g. `[{"label": "Gold"}, {"label": "Silver"}]`',
    ),
    ...fieldSettings[entity],
  }),
});

/** The body of update_<entity>_field: what is given changes; `field_code` and the type stay. */
export const fieldChanges = <E extends FieldEntity>(entity: E) =>
  optional({ field_name: fieldName(), ...fieldSettings[entity] });

/** One field definition (get, add, update; delete returns the deleted field). */
export const oneField = single(fieldDefinition);

/** The three bodies of the option endpoints: a top-level array of options. */
export const optionsBody = {
  add: {
    options: describe(
      z.array(z.strictObject({ label: optionLabel() })).min(1),
      'The new options, e.g. `[{"label": "Gold"}]`; all are added, or none',
      'Options',
    ),
  },
  update: {
    options: describe(
      z.array(z.strictObject({ id: optionId(), label: optionLabel() })).min(1),
      'The options to relabel, by ID, e.g. `[{"id": 12, "label": "Platinum"}]`; all change, or none (an unknown ID fails the call)',
      'Options',
    ),
  },
  delete: {
    options: describe(
      z.array(z.strictObject({ id: optionId() })).min(1),
      'The options to delete, by ID, e.g. `[{"id": 12}]`; all are deleted, or none (an unknown ID fails the call)',
      'Options',
    ),
  },
};

/** An option as the option endpoints and API v1 return it: its ID and label. */
const optionOut = record({
  id: describe(z.union([z.int(), z.string()]), 'The ID of the option (the stored value)'),
  label: describe(z.string(), 'The label of the option'),
});

/** The answer of the option endpoints: the options added, updated or deleted. */
export const changedOptions = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  data: describe(
    z.array(optionOut),
    'The options added, updated or deleted by the call (not the other options of the field)',
  ).nullable(),
  additional_data: describe(z.looseObject({}), 'Additional data (none documented)').nullish(),
});

// ---------- API v1: bulk deletes by numeric ID, note fields ----------

/** `ids` of the v1 bulk deletes: the numeric IDs API v1 gives fields. */
export const v1FieldIds = (entity: FieldEntity) =>
  csv(
    z.int().positive(),
    `The numeric IDs of the custom ${entity} fields to delete, as API v1 knows them (the \`id\` of each field in \`GET /v1/${entity}Fields\`, e.g. through \`api_request\`); API v2 names fields by \`field_code\` (delete_${entity}_field)`,
  );

/**
 * A field definition as API v1 describes it (the note fields). Their list comes whole, without pages: the paging
 * data the document gives it (two shapes, schema and example disagreeing) is not declared (SPEC_ERRATA of
 * test/contract-v1.test.ts).
 */
export const v1Field = record({
  id: describe(z.int(), 'The numeric ID of the field'),
  key: describe(z.string(), 'The key of the field (the property name of the records)'),
  name: describe(z.string(), 'The display name of the field'),
  field_type: describe(z.string(), 'The type of the field, e.g. text, varchar, enum, date, user'),
  active_flag: describe(z.boolean(), 'Whether the field is active'),
  edit_flag: describe(z.boolean(), 'Whether the field can be edited'),
  bulk_edit_allowed: describe(z.boolean(), 'Whether the field can be edited in bulk (not used)'),
  mandatory_flag: describe(z.boolean(), 'Whether the field is mandatory'),
  options: describe(z.array(optionOut), 'The options of enum and set fields; null for other types'),
});
