import { defineOperation } from '../../runtime/define.js';
import { newField, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_person_field',
  title: 'Add person field',
  description:
    "Creates a custom person field: its name and type (`enum` and `set` with their options), where it is shown and whether it is important or required. Returns the field with its new `field_code`, the key of its values in persons' `custom_fields`.",
  resource: 'fields',
  method: 'POST',
  path: '/personFields',
  scopes: ['admin', 'contact-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'person',
  body: newField('person'),
  output: oneField,
  sample: {
    field_name: 'Preferred language',
    field_type: 'enum',
    options: [{ label: 'English' }, { label: 'German' }],
    ui_visibility: { add_visible_flag: true, show_in_add_deal_dialog: { show: true } },
  },
});
