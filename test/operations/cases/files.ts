import { ok } from '../../fixtures/entities.js';
import { fileRecord, personPicture, productImage } from '../../fixtures/files.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

const CONTRACT = '%PDF-1.7 contract\n';
const base64 = (text: string) => Buffer.from(text).toString('base64');
/** A 2×2 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mNQ648BIgYIBQAdEgRFHP4LmAAAAABJRU5ErkJggg==',
  'base64',
);

const cases: OperationCase[] = [
  {
    op: 'list_files',
    input: { sort: 'update_time DESC', limit: 2 },
    method: 'GET',
    path: '/v1/files',
    query: { sort: 'update_time DESC', limit: '2' },
    reply: pageV1([fileRecord(501), fileRecord(502, { name: 'price list.xlsx' })], 0, 2),
  },
  {
    op: 'get_file',
    input: { id: '501' },
    method: 'GET',
    path: '/v1/files/501',
    reply: ok(fileRecord(501)),
  },
  {
    op: 'download_file',
    input: { id: 501 },
    method: 'GET',
    path: '/v1/files/501/download',
    reply: CONTRACT,
    replyHeaders: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="contract.pdf"',
      'content-length': String(CONTRACT.length),
    },
    file: { name: 'contract.pdf', type: 'application/pdf', size: CONTRACT.length, content: CONTRACT },
  },
  {
    op: 'download_file',
    title: 'a UTF-8 name, no length',
    input: { id: 502 },
    method: 'GET',
    path: '/v1/files/502/download',
    reply: 'Hind;Kogus\n12;3\n',
    replyHeaders: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="hinnakiri.csv"; filename*=UTF-8''hinnakiri%20%C3%B5un.csv`,
    },
    file: { name: 'hinnakiri õun.csv', type: 'text/csv; charset=utf-8', content: 'Hind;Kogus\n12;3\n' },
  },
  {
    op: 'add_file',
    // The form's string ID is read as a number, and goes as a text part like every field of a multipart body.
    input: {
      file: { name: 'contract.pdf', type: 'application/pdf', base64: base64(CONTRACT) },
      deal_id: '101',
    },
    method: 'POST',
    path: '/v1/files',
    form: { deal_id: '101' },
    files: { file: { name: 'contract.pdf', type: 'application/pdf', content: CONTRACT } },
    reply: ok(fileRecord(501)),
  },
  {
    op: 'add_file',
    title: 'a lead and an activity; the name from the type, the type from a data URL',
    input: {
      file: { base64: `data:text/plain;base64,${base64('Call notes')}` },
      lead_id: 'adf21080-0e10-11eb-879b-05d71fb426ec',
      activity_id: 7,
    },
    method: 'POST',
    path: '/v1/files',
    form: { lead_id: 'adf21080-0e10-11eb-879b-05d71fb426ec', activity_id: '7' },
    files: { file: { name: 'file.txt', type: 'text/plain', content: 'Call notes' } },
    reply: ok(
      fileRecord(503, { deal_id: null, activity_id: 7, lead_id: 'adf21080-0e10-11eb-879b-05d71fb426ec' }),
    ),
  },
  {
    op: 'update_file',
    input: { id: 501, name: 'Signed contract.pdf', description: 'Signed on 2026-12-01' },
    method: 'PUT',
    path: '/v1/files/501',
    // Documented as a form body; sent as JSON like every body (docs/decisions.md).
    body: { name: 'Signed contract.pdf', description: 'Signed on 2026-12-01' },
    reply: ok(fileRecord(501, { name: 'Signed contract.pdf', description: 'Signed on 2026-12-01' })),
  },
  {
    op: 'delete_file',
    input: { id: 501 },
    method: 'DELETE',
    path: '/v1/files/501',
    reply: ok({ id: 501 }),
  },
  {
    op: 'add_remote_file',
    input: {
      file_type: 'gsheet',
      title: 'Price calculation',
      item_type: 'deal',
      item_id: '101',
      remote_location: 'googledrive',
    },
    method: 'POST',
    path: '/v1/files/remote',
    // The form's string ID is read as a number.
    body: {
      file_type: 'gsheet',
      title: 'Price calculation',
      item_type: 'deal',
      item_id: 101,
      remote_location: 'googledrive',
    },
    reply: ok(fileRecord(504, { file_type: 'gsheet', remote_location: 'googledocs', file_size: 0 })),
  },
  {
    op: 'link_remote_file',
    input: {
      item_type: 'organization',
      item_id: 301,
      remote_id: '1gzyh6ExBxIb4RBZbAZxsrrBp45yuXhZWq3Zash5b75c',
      remote_location: 'googledrive',
    },
    method: 'POST',
    path: '/v1/files/remoteLink',
    body: {
      item_type: 'organization',
      item_id: 301,
      remote_id: '1gzyh6ExBxIb4RBZbAZxsrrBp45yuXhZWq3Zash5b75c',
      remote_location: 'googledrive',
    },
    reply: ok(fileRecord(505, { deal_id: null, org_id: 301, remote_location: 'googledocs' })),
  },
  ...(['deal', 'organization', 'person', 'product'] as const).map(
    (entity, i): OperationCase => ({
      op: `get_${entity}_files`,
      input: { id: 101 + i * 100, sort: 'id ASC', start: 100, limit: 100 },
      method: 'GET',
      path: `/v1/${entity === 'person' ? 'persons' : `${entity}s`}/${101 + i * 100}/files`,
      query: { sort: 'id ASC', start: '100', limit: '100' },
      reply: pageV1([fileRecord(506)], 100),
    }),
  ),
  {
    op: 'add_person_picture',
    input: {
      id: 201,
      file: { name: 'portrait.png', base64: PNG.toString('base64') },
      crop_x: 0,
      crop_y: 0,
      crop_width: '2',
      crop_height: '2',
    },
    method: 'POST',
    path: '/v1/persons/201/picture',
    form: { crop_x: '0', crop_y: '0', crop_width: '2', crop_height: '2' },
    files: { file: { name: 'portrait.png', type: 'image/png', content: PNG } },
    reply: ok(personPicture(201)),
  },
  {
    op: 'get_person_picture',
    input: { id: 201 },
    method: 'GET',
    path: '/api/v2/persons/201/picture',
    reply: ok({ ...personPicture(201), file_size: 20480 }),
  },
  {
    op: 'delete_person_picture',
    input: { id: 201 },
    method: 'DELETE',
    path: '/v1/persons/201/picture',
    reply: ok({ id: 201 }),
  },
  {
    op: 'get_product_image',
    input: { id: 401 },
    method: 'GET',
    path: '/api/v2/products/401/images',
    reply: ok(
      productImage(401, {
        public_url: 'https://pipedrive-product-images.s3.example.com/b0369d1d.png',
        mime_type: 'image/png',
        name: 'workshop.png',
      }),
    ),
  },
  {
    op: 'add_product_image',
    input: { id: 401, data: { name: 'workshop.png', type: 'image/png', base64: PNG.toString('base64') } },
    method: 'POST',
    path: '/api/v2/products/401/images',
    form: {},
    files: { data: { name: 'workshop.png', type: 'image/png', content: PNG } },
    reply: ok(productImage(401)),
  },
  {
    op: 'update_product_image',
    input: { id: 401, data: { name: 'workshop-2.png', base64: PNG.toString('base64') } },
    method: 'PUT',
    path: '/api/v2/products/401/images',
    form: {},
    files: { data: { name: 'workshop-2.png', type: 'image/png', content: PNG } },
    reply: ok(productImage(401, { id: 72 })),
  },
  {
    op: 'delete_product_image',
    input: { id: 401 },
    method: 'DELETE',
    path: '/api/v2/products/401/images',
    reply: ok({ id: 72 }),
  },
  {
    op: 'add_call_log_recording',
    input: {
      id: '3cde3b05035cae14dcfc172bd8000d08',
      file: { name: 'call.mp3', base64: base64('ID3 recording') },
    },
    method: 'POST',
    path: '/v1/callLogs/3cde3b05035cae14dcfc172bd8000d08/recordings',
    form: {},
    files: { file: { name: 'call.mp3', type: 'audio/mpeg', content: 'ID3 recording' } },
    reply: { success: true },
  },
];

export default cases;
