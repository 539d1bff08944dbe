import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_project_field_options',
  title: 'Delete project field options',
  description:
    'Deletes options of an `enum` or `set` project field, all or none (an unknown option ID deletes nothing); returns the deleted options.',
  resource: 'fields',
  method: 'DELETE',
  path: '/projectFields/{field_code}/options',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 15 },
  params: { field_code: fieldCode('project') },
  changesFields: 'project',
  listBody: optionsBody.delete,
  output: changedOptions,
  sample: { field_code: 'd4de1c1518b4531717c676029a45911c340390a6', options: [{ id: 3 }] },
});
