import { defineOperation } from '../../runtime/define.js';
import { addedParticipant } from '../../schemas/deals.js';
import { pick, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'add_deal_participant',
  title: 'Add deal participant',
  description:
    "Adds a person to a deal as a participant (besides the deal's main person). Returns the participant, whose `id` removes it again.",
  resource: 'deals',
  method: 'POST',
  path: '/deals/{id}/participants',
  api: 'v1',
  scopes: ['deals:full'],
  tokenCost: 10,
  params: recordPath('deal'),
  body: { person_id: pick('persons', 'The ID of the person to add', 'Person') },
  output: addedParticipant,
  sample: { id: 1, person_id: 1 },
});
