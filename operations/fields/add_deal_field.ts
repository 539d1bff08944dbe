import { defineOperation } from '../../runtime/define.js';
import { newField, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_deal_field',
  title: 'Add deal field',
  description:
    "Creates a custom deal field: its name and type (`enum` and `set` with their options), where it is shown, at which stages it is important or required, and a description. Returns the field with its new `field_code`, the key of its values in deals' `custom_fields`.",
  resource: 'fields',
  method: 'POST',
  path: '/dealFields',
  scopes: ['admin', 'deal-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'deal',
  body: newField('deal'),
  output: oneField,
  sample: {
    field_name: 'Contract length',
    field_type: 'enum',
    options: [{ label: '12 months' }, { label: '24 months' }],
    ui_visibility: { add_visible_flag: true },
    description: 'The length of the signed contract',
  },
});
