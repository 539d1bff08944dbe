import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'delete_deal_participant',
  title: 'Delete deal participant',
  description:
    'Removes a participant from a deal, by the participant ID that `get_deal_participants` and `add_deal_participant` return (not the person ID). The person stays.',
  resource: 'deals',
  method: 'DELETE',
  path: '/deals/{id}/participants/{deal_participant_id}',
  api: 'v1',
  scopes: ['deals:full'],
  tokenCost: 6,
  params: {
    ...recordPath('deal'),
    deal_participant_id: z
      .int()
      .positive()
      .meta({
        title: 'Participant',
        description: 'The ID of the participant (from `get_deal_participants`)',
        'x-lookup': { lookup: 'deal_participants', dependsOn: ['id'] },
      }),
  },
  output: deleted('The ID of the removed participant'),
  sample: { id: 1, deal_participant_id: 1 },
});
