import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, labelled, single } from '../../schemas/common.js';
import { file, remoteItem } from '../../schemas/files.js';

export default defineOperation({
  name: 'add_remote_file',
  title: 'Add remote file',
  description:
    'Creates an empty Google Docs, Sheets, Slides, Forms or Drawings file in the Google Drive of the connected user and links it to a deal, person or organization. The user must have connected Google Drive in Pipedrive.',
  resource: 'files',
  method: 'POST',
  path: '/files/remote',
  api: 'v1',
  scopes: ['deals:full', 'activities:full', 'contacts:full'],
  tokenCost: 10,
  body: {
    file_type: labelled(
      {
        gdoc: 'Google Docs',
        gslides: 'Google Slides',
        gsheet: 'Google Sheets',
        gform: 'Google Forms',
        gdraw: 'Google Drawings',
      },
      'The kind of Google file to create',
      'File type',
    ),
    title: describe(z.string().min(1), 'The title of the new file'),
    ...remoteItem,
  },
  output: single(file),
  sample: {
    file_type: 'gdoc',
    title: 'Proposal draft',
    item_type: 'deal',
    item_id: 1,
    remote_location: 'googledrive',
  },
});
