import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { conversionJob } from '../../schemas/deals.js';

export default defineOperation({
  name: 'convert_deal_to_lead',
  title: 'Convert deal to lead',
  description:
    'Starts converting a deal to a lead (beta) and returns the ID of the conversion job; related notes, files, emails and activities move to the lead. Check progress with Get deal conversion status.',
  resource: 'deals',
  method: 'POST',
  path: '/deals/{id}/convert/lead',
  scopes: ['deals:full'],
  tokenCost: 40,
  params: { id: id('The ID of the deal to convert', 'Deal') },
  output: single(conversionJob),
  sample: { id: 1 },
});
