import { defineOperation } from '../../runtime/define.js';
import { changelog, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_person_changelog',
  title: 'Get person changelog',
  description:
    'Returns the changes of the field values of a person, newest first: which field, the old and new value, who changed it, when and from where.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}/changelog',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 20,
  params: recordPath('person'),
  pagination: { maxLimit: 500 },
  output: changelog,
  sample: { id: 1, limit: 50 },
});
