import { defineOperation } from '../../runtime/define.js';
import { recordPath, updates, updatesQuery } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_organization_updates',
  title: 'Get organization updates',
  description:
    'Returns the history of an organization, newest first, as its page in Pipedrive shows it: field changes, activities, notes, files, deals, mail messages and followers. Custom field changes only with `all_changes: 1`; `items` picks the kinds.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/{id}/flow',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 40,
  params: recordPath('organization'),
  query: updatesQuery([
    'activity',
    'plannedActivity',
    'note',
    'file',
    'change',
    'deal',
    'follower',
    'participant',
    'mailMessage',
    'mailMessageWithAttachment',
    'invoice',
    'activityFile',
    'document',
  ]),
  pagination: { maxLimit: 500, style: 'offset' },
  output: updates,
  sample: { id: 1, items: ['change', 'note'] },
});
