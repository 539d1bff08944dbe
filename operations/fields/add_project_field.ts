import { defineOperation } from '../../runtime/define.js';
import { newField, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_project_field',
  title: 'Add project field',
  description:
    'Creates a custom project field of a given type (`enum` and `set` with their options); its `field_code` is the key of its values in `custom_fields` of projects.',
  resource: 'fields',
  method: 'POST',
  path: '/projectFields',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'project',
  body: newField('project'),
  output: oneField,
  sample: {
    field_name: 'Delivery tier',
    field_type: 'enum',
    options: [{ label: 'Standard' }, { label: 'Premium' }],
    ui_visibility: { add_visible_flag: true },
  },
});
