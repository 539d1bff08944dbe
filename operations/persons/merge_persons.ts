import { defineOperation } from '../../runtime/define.js';
import { mergedPerson } from '../../schemas/persons.js';
import { mergeInput } from '../../schemas/records.js';

const { params, body, check } = mergeInput('person', 'Its values win where the two persons differ.');

export default defineOperation({
  name: 'merge_persons',
  title: 'Merge persons',
  description:
    'Merges the person `id` into the person `merge_with_id`, whose data wins where the two differ: deals, activities, notes and other linked items move over and `id` is deleted. Returns the person that stays. A person cannot be merged into itself.',
  resource: 'persons',
  method: 'PUT',
  path: '/persons/{id}/merge',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 40,
  params,
  body,
  check,
  output: mergedPerson,
  sample: { id: 2, merge_with_id: 1 },
});
