import { defineOperation } from '../../runtime/define.js';
import { changelog, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_changelog',
  title: 'Get deal changelog',
  description:
    'Returns the changes of the field values of a deal, newest first: which field, the old and new value, who changed it, when and from where.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/changelog',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 20,
  params: recordPath('deal'),
  pagination: { maxLimit: 500 },
  output: changelog,
  sample: { id: 1, limit: 50 },
});
