import { defineOperation } from '../../runtime/define.js';
import { dealAndPersonUpdateKinds, recordPath, updates, updatesQuery } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_updates',
  title: 'Get deal updates',
  description:
    'Returns the history of a deal, newest first, as its page in Pipedrive shows it: field changes, activities, notes, files, mail messages, participants and followers. Custom field changes only with `all_changes: 1`; `items` picks the kinds.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/flow',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 40,
  params: recordPath('deal'),
  query: updatesQuery(dealAndPersonUpdateKinds),
  pagination: { maxLimit: 500, style: 'offset' },
  output: updates,
  sample: { id: 1, all_changes: '1', items: ['dealChange', 'note', 'activity'] },
});
