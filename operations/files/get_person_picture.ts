import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { personPicture, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_person_picture',
  title: 'Get person picture',
  description:
    "Returns a person's picture: the URLs of its 128 and 512 pixel versions, its size and who added it. `data` is null when the person has no picture.",
  resource: 'files',
  method: 'GET',
  path: '/persons/{id}/picture',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: { estimated: 10 },
  params: { id: recordId('person') },
  output: single(personPicture),
  sample: { id: 1 },
});
