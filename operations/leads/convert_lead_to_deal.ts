import { defineOperation } from '../../runtime/define.js';
import { id, optional, single, uuid } from '../../schemas/common.js';
import { conversionJob } from '../../schemas/deals.js';

export default defineOperation({
  name: 'convert_lead_to_deal',
  title: 'Convert lead to deal',
  description:
    'Starts converting a lead to a deal (beta) and returns the ID of the conversion job; related notes, files, emails and activities move to the deal, and the lead is deleted once it succeeds. Check progress with Get lead conversion status.',
  resource: 'leads',
  method: 'POST',
  path: '/leads/{id}/convert/deal',
  scopes: ['leads:full'],
  tokenCost: 40,
  params: { id: uuid('The ID of the lead to convert', 'Lead') },
  body: optional({
    stage_id: id(
      'The stage to put the new deal in; its pipeline follows from it. Default: the first stage of the default pipeline.',
      'Stage',
    ),
    pipeline_id: id(
      'The pipeline to put the new deal in, at its first stage. Ignored when `stage_id` is given.',
      'Pipeline',
    ),
  }),
  output: single(conversionJob),
  sample: { id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1', stage_id: 1 },
});
