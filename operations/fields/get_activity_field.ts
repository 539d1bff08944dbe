import { defineOperation } from '../../runtime/define.js';
import { fieldCode, fieldListQuery, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'get_activity_field',
  title: 'Get activity field',
  description:
    'Returns one activity field by its `field_code` (e.g. `priority`): name, type and options with their IDs, and with `include_fields` where it is shown. With OAuth it needs the `admin` scope.',
  resource: 'fields',
  method: 'GET',
  path: '/activityFields/{field_code}',
  scopes: ['admin'],
  tokenCost: { estimated: 1 },
  params: { field_code: fieldCode('activity') },
  query: fieldListQuery(false),
  output: oneField,
  sample: { field_code: 'priority', include_fields: ['ui_visibility'] },
});
