import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { person, personBody } from '../../schemas/persons.js';

export default defineOperation({
  name: 'update_person',
  title: 'Update person',
  description:
    'Updates the properties of a person. Only the fields given are changed; `emails`, `phones` and `im` replace the whole list.',
  resource: 'persons',
  method: 'PATCH',
  path: '/persons/{id}',
  scopes: ['contacts:full'],
  tokenCost: 5,
  customFields: { entity: 'person' },
  params: { id: id('The ID of the person', 'Person') },
  body: personBody,
  output: single(person),
  sample: { id: 1, job_title: 'Head of Procurement', label_ids: [2] },
});
