import { defineOperation } from '../../runtime/define.js';
import { dealAndPersonUpdateKinds, recordPath, updates, updatesQuery } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_person_updates',
  title: 'Get person updates',
  description:
    'Returns the history of a person, newest first, as its page in Pipedrive shows it: field changes, activities, notes, files, deals, mail messages, followers and marketing status changes (Campaigns). Custom field changes only with `all_changes: 1`; `items` picks the kinds.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}/flow',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 40,
  params: recordPath('person'),
  query: updatesQuery(dealAndPersonUpdateKinds),
  pagination: { maxLimit: 500, style: 'offset' },
  output: updates,
  sample: { id: 1, items: ['personChange', 'activity'] },
});
