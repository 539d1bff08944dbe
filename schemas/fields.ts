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
