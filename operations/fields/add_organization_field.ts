import { defineOperation } from '../../runtime/define.js';
import { newField, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_organization_field',
  title: 'Add organization field',
  description:
    "Creates a custom organization field: its name and type (`enum` and `set` with their options), where it is shown and whether it is important or required. Returns the field with its new `field_code`, the key of its values in organizations' `custom_fields`.",
  resource: 'fields',
  method: 'POST',
  path: '/organizationFields',
  scopes: ['admin', 'contact-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'organization',
  body: newField('organization'),
  output: oneField,
  sample: {
    field_name: 'Industry segment',
    field_type: 'set',
    options: [{ label: 'Retail' }, { label: 'Logistics' }],
    ui_visibility: { show_in_add_person_dialog: { show: false } },
  },
});
