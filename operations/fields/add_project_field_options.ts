import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_project_field_options',
  title: 'Add project field options',
  description:
    'Adds options to an `enum` or `set` project field, all or none; returns the new options with their IDs.',
  resource: 'fields',
  method: 'POST',
  path: '/projectFields/{field_code}/options',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 25 },
  params: { field_code: fieldCode('project') },
  changesFields: 'project',
  listBody: optionsBody.add,
  output: changedOptions,
  sample: {
    field_code: 'd4de1c1518b4531717c676029a45911c340390a6',
    options: [{ label: 'Enterprise' }],
  },
});
