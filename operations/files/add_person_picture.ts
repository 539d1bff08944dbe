import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { personPicture, pictureUpload, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'add_person_picture',
  title: 'Add person picture',
  description:
    "Sets a person's picture, replacing the current one. The image (GIF, JPEG or PNG) must be square and at least 128 pixels wide, or be cropped to such a square with the crop fields; Pipedrive keeps it as 128 and 512 pixel squares.",
  resource: 'files',
  method: 'POST',
  path: '/persons/{id}/picture',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 10,
  params: { id: recordId('person') },
  ...pictureUpload,
  output: single(personPicture),
  sample: {
    id: 1,
    file: {
      name: 'portrait.png',
      type: 'image/png',
      base64:
        'iVBORw0KGgoAAAANSUhEUgAAAIAAAACACAIAAABMXPacAAAAyElEQVR42u3RQQ0AAAjEsFODKjxhGRnwaDIFa2pah8UCAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAAwAUAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIwIcWPjxD/Xg3btYAAAAASUVORK5CYII=',
    },
  },
});
