import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, optional, single } from '../../schemas/common.js';
import { file, fileId } from '../../schemas/files.js';

export default defineOperation({
  name: 'update_file',
  title: 'Update file',
  description: 'Renames a file or changes its description (the content stays). Only the fields given change.',
  resource: 'files',
  method: 'PUT',
  path: '/files/{id}',
  api: 'v1',
  scopes: ['deals:full', 'activities:full', 'contacts:full'],
  tokenCost: 10,
  params: { id: fileId() },
  body: optional({
    name: describe(z.string().min(1), 'The name Pipedrive shows for the file'),
    description: describe(z.string(), 'The description of the file'),
  }),
  output: single(file),
  sample: { id: 1, name: 'Signed contract.pdf', description: 'Signed on 2026-12-01' },
});
