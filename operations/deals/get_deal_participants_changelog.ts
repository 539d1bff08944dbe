import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { participantChange } from '../../schemas/deals.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_participants_changelog',
  title: 'Get deal participants changelog',
  description: 'Returns who added or removed which participants of a deal, and when.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/participantsChangelog',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: recordPath('deal'),
  pagination: { maxLimit: 500 },
  output: list(participantChange),
  sample: { id: 1 },
});
