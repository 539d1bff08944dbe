import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'get_project_field',
  title: 'Get project field',
  description: 'Returns one project field by its key: name, type, options and where it is shown.',
  resource: 'fields',
  method: 'GET',
  path: '/projectFields/{field_code}',
  scopes: ['projects:read', 'projects:full', 'project-fields:full'],
  tokenCost: { estimated: 1 },
  params: { field_code: fieldCode('project') },
  output: oneField,
  sample: { field_code: 'd4de1c1518b4531717c676029a45911c340390a6' },
});
