import { defineOperation } from '../../runtime/define.js';
import { mergedId, mergeInput } from '../../schemas/records.js';

const { params, body, check } = mergeInput('organization');

export default defineOperation({
  name: 'merge_organizations',
  title: 'Merge organizations',
  description:
    'Merges the organization `id` into the organization `merge_with_id`: its persons, deals and other linked items move over and `id` is deleted. Returns the ID of the organization that stays. An organization cannot be merged into itself.',
  resource: 'organizations',
  method: 'PUT',
  path: '/organizations/{id}/merge',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 40,
  params,
  body,
  check,
  output: mergedId('organization'),
  sample: { id: 2, merge_with_id: 1 },
});
