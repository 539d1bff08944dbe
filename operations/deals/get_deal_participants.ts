import { defineOperation } from '../../runtime/define.js';
import { dealParticipants } from '../../schemas/deals.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_participants',
  title: 'Get deal participants',
  description:
    "Returns the participants of a deal: the persons linked to it besides its main person, each with the participant's ID (to remove it) and the person's details.",
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/participants',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: recordPath('deal'),
  pagination: { maxLimit: 500, style: 'offset' },
  output: dealParticipants,
  sample: { id: 1 },
});
