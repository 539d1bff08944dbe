import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { dealV1 } from '../../schemas/deals.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'duplicate_deal',
  title: 'Duplicate deal',
  description:
    'Makes a copy of a deal and returns the new deal (as API v1 gives it: links as IDs, custom fields as keys).',
  resource: 'deals',
  method: 'POST',
  path: '/deals/{id}/duplicate',
  api: 'v1',
  scopes: ['deals:full'],
  tokenCost: 10,
  params: recordPath('deal'),
  output: single(dealV1),
  sample: { id: 1 },
});
