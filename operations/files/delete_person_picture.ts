import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'delete_person_picture',
  title: 'Delete person picture',
  description: "Removes a person's picture; the person stays.",
  resource: 'files',
  method: 'DELETE',
  path: '/persons/{id}/picture',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 6,
  params: { id: recordId('person') },
  output: deleted('The ID of the person'),
  sample: { id: 1 },
});
