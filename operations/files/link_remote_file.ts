import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, single } from '../../schemas/common.js';
import { file, remoteItem } from '../../schemas/files.js';

export default defineOperation({
  name: 'link_remote_file',
  title: 'Link remote file',
  description:
    'Links a file that already is in Google Drive (by its Drive ID) to a deal, person or organization. The connected user must have connected Google Drive in Pipedrive.',
  resource: 'files',
  method: 'POST',
  path: '/files/remoteLink',
  api: 'v1',
  scopes: ['deals:full', 'activities:full', 'contacts:full'],
  tokenCost: 10,
  body: {
    ...remoteItem,
    remote_id: describe(z.string().min(1), 'The ID of the file in Google Drive', 'Remote ID'),
  },
  output: single(file),
  sample: {
    item_type: 'person',
    item_id: 1,
    remote_id: '1mT6jshiv6537IirwOExXJuG1jdR4F0FQ',
    remote_location: 'googledrive',
  },
});
