import { defineOperation } from '../../runtime/define.js';
import { fieldChanges, fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'update_project_field',
  title: 'Update project field',
  description:
    'Renames a custom project field or changes where it is shown, important or required; its key and type stay. Options change with the *_project_field_options operations.',
  resource: 'fields',
  method: 'PATCH',
  path: '/projectFields/{field_code}',
  scopes: ['project-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'project',
  params: { field_code: fieldCode('project') },
  body: fieldChanges('project'),
  output: oneField,
  sample: {
    field_code: 'd4de1c1518b4531717c676029a45911c340390a6',
    field_name: 'Service tier',
    required_fields: { enabled: true },
  },
});
