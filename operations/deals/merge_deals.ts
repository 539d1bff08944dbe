import { defineOperation } from '../../runtime/define.js';
import { mergedDeal } from '../../schemas/deals.js';
import { mergeInput } from '../../schemas/records.js';

const { params, body, check } = mergeInput('deal');

export default defineOperation({
  name: 'merge_deals',
  title: 'Merge deals',
  description:
    'Merges the deal `id` into the deal `merge_with_id`: its linked items (activities, notes, files, emails, ...) move over and `id` is deleted. Returns the deal that stays. A deal cannot be merged into itself.',
  resource: 'deals',
  method: 'PUT',
  path: '/deals/{id}/merge',
  api: 'v1',
  scopes: ['deals:full'],
  tokenCost: 40,
  params,
  body,
  check,
  output: mergedDeal,
  sample: { id: 2, merge_with_id: 1 },
});
