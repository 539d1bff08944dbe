import { defineOperation } from '../../runtime/define.js';
import { recentsList, recentsQuery } from '../../schemas/account.js';

export default defineOperation({
  name: 'list_recents',
  title: 'List recent changes',
  description:
    'Returns the records (activities, deals, persons, notes, users, ...) added, changed or deleted after a time, each as it is now: a way to poll for changes without webhooks. `since_timestamp` is UTC, `YYYY-MM-DD HH:MM:SS`.',
  resource: 'recents',
  method: 'GET',
  path: '/recents',
  api: 'v1',
  scopes: ['recents:read', 'search:read'],
  tokenCost: 20,
  query: recentsQuery,
  pagination: { maxLimit: 500, style: 'offset' },
  output: recentsList,
  sample: { since_timestamp: '2026-11-20 00:00:00', items: ['deal', 'person'], limit: 100 },
});
