import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'update_project_field_options',
  title: 'Update project field options',
  description:
    'Relabels options of an `enum` or `set` project field, all or none (an unknown option ID changes nothing); returns the updated options.',
  resource: 'fields',
  method: 'PATCH',
  path: '/projectFields/{field_code}/options',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 5 },
  params: { field_code: fieldCode('project') },
  changesFields: 'project',
  listBody: optionsBody.update,
  output: changedOptions,
  sample: {
    field_code: 'd4de1c1518b4531717c676029a45911c340390a6',
    options: [{ id: 3, label: 'Premium plus' }],
  },
});
