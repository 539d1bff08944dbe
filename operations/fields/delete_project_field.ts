import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_project_field',
  title: 'Delete project field',
  description:
    'Marks a custom project field as deleted (its values on projects go with it); returns the field as it was.',
  resource: 'fields',
  method: 'DELETE',
  path: '/projectFields/{field_code}',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 3 },
  changesFields: 'project',
  params: { field_code: fieldCode('project') },
  output: oneField,
  sample: { field_code: 'd4de1c1518b4531717c676029a45911c340390a6' },
});
