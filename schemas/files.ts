import { z } from 'zod';
import { fileField } from '../runtime/files.js';
import { describe, id, labelled, optional, record, uuid } from './common.js';
import { v1Timestamp } from './reference.js';

// ---------- files (API v1) ----------

/** The `{id}` of the file endpoints: a dropdown of the files. */
export const fileId = () =>
  z
    .int()
    .positive()
    .meta({ title: 'File', description: 'The ID of the file', 'x-lookup': { lookup: 'files' } });

/** The `{id}` of a record's own file, picture or image endpoints: a dropdown of those records. */
export const recordId = (entity: 'deal' | 'organization' | 'person' | 'product') =>
  z
    .int()
    .positive()
    .meta({
      title: entity.charAt(0).toUpperCase() + entity.slice(1),
      description: `The ID of the ${entity}`,
      'x-lookup': { lookup: `${entity}s` },
    });

/** A file as Pipedrive returns it: the file itself, and the records it is attached to. */
export const file = record({
  id: describe(z.int(), 'The ID of the file'),
  user_id: describe(z.int(), 'The ID of the user who added the file'),
  deal_id: describe(z.int(), 'The ID of the deal the file is attached to'),
  person_id: describe(z.int(), 'The ID of the person the file is attached to'),
  org_id: describe(z.int(), 'The ID of the organization the file is attached to'),
  product_id: describe(z.int(), 'The ID of the product the file is attached to'),
  activity_id: describe(z.int(), 'The ID of the activity the file is attached to'),
  lead_id: describe(z.string(), 'The ID of the lead the file is attached to'),
  log_id: describe(z.string(), 'The ID of the call log the file belongs to'),
  add_time: v1Timestamp('When the file was added'),
  update_time: v1Timestamp('When the file was last updated'),
  file_name: describe(z.string(), 'The name of the file as stored'),
  file_type: describe(z.string(), 'The kind of file (`img`, `pdf`, `gdoc`, ...)'),
  file_size: describe(z.int(), 'The size of the file in bytes'),
  active_flag: describe(z.boolean(), 'Whether the file is active (false once deleted)'),
  inline_flag: describe(z.boolean(), 'Whether the file was uploaded inline (in an email)'),
  remote_location: describe(z.string(), 'Where the file is kept (`s3`, `googledocs`, ...)'),
  remote_id: describe(z.string(), 'The ID of the file where it is kept'),
  cid: describe(z.string(), 'The ID of the inline attachment'),
  s3_bucket: describe(z.string(), 'The cloud storage bucket'),
  mail_message_id: describe(z.string(), 'The ID of the mail message the file came with'),
  mail_template_id: describe(z.string(), 'The ID of the mail template the file belongs to'),
  deal_name: describe(z.string(), 'The title of the deal the file is attached to'),
  person_name: describe(z.string(), 'The name of the person the file is attached to'),
  people_name: describe(z.string(), 'The name of the person the file is attached to (deal file lists)'),
  org_name: describe(z.string(), 'The name of the organization the file is attached to'),
  product_name: describe(z.string(), 'The name of the product the file is attached to'),
  lead_name: describe(z.string(), 'The title of the lead the file is attached to'),
  url: describe(z.string(), 'The URL that downloads the file (with the connection’s credentials)'),
  name: describe(z.string(), 'The name Pipedrive shows for the file'),
  description: describe(z.string(), 'The description of the file'),
});

const sortable = 'id|update_time';
/** ASC/DESC in any case, spelled out: JSON Schema patterns have no flags. */
const direction = '([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc])';
const sortPattern = new RegExp(
  `^\\s*(${sortable})(\\s+${direction})?(\\s*,\\s*(${sortable})(\\s+${direction})?)*\\s*$`,
);

/** The `sort` of the file lists. */
export const fileListQuery = optional({
  sort: describe(
    z
      .string()
      .regex(sortPattern, 'expected id or update_time with an optional ASC/DESC, separated by commas'),
    'Sort order: `id` or `update_time` with an optional `ASC`/`DESC`, separated by commas (e.g. `update_time DESC`)',
  ),
});

/** Pages of a file list: at most 100 files each. */
export const filePages = { maxLimit: 100, style: 'offset' } as const;

/** The records a file can be attached to on upload (at least one of them). */
export const attachTo = optional({
  deal_id: id('The deal to attach the file to', 'Deal'),
  person_id: id('The person to attach the file to', 'Person'),
  org_id: id('The organization to attach the file to', 'Organization'),
  product_id: id('The product to attach the file to', 'Product'),
  activity_id: id('The activity to attach the file to', 'Activity'),
  lead_id: uuid('The lead to attach the file to', 'Lead'),
  project_id: id('The project to attach the file to', 'Project'),
});

/** The file of add_file: any content type. */
export const uploadedFile = () =>
  fileField(
    'The file to upload, with its name and content type (a name and type are taken from the file when not given)',
    {},
    'File',
  );

/** A Google Drive file's record: the item types remote files attach to. */
export const remoteItem = {
  item_type: labelled(
    { deal: 'Deal', organization: 'Organization', person: 'Person' },
    'The type of record to link the file to',
    'Item type',
  ),
  item_id: id('The ID of the deal, organization or person to link the file to', 'Item ID'),
  remote_location: labelled(
    { googledrive: 'Google Drive' },
    'Where the file is kept: only Google Drive',
    'Remote location',
  ),
};

// ---------- pictures and images ----------

/** The image types Pipedrive takes for a person's picture. */
const PICTURE_TYPES = ['image/gif', 'image/jpeg', 'image/png'];

/** A person's picture (v1 add, v2 get). */
export const personPicture = record({
  id: describe(z.int(), 'The ID of the picture'),
  item_type: describe(z.string(), 'The type of record the picture belongs to (`person`)'),
  item_id: describe(z.int(), 'The ID of the person'),
  active_flag: describe(z.boolean(), 'Whether the picture is active'),
  add_time: describe(z.string(), 'When the picture was added'),
  update_time: describe(z.string(), 'When the picture was last updated'),
  added_by_user_id: describe(z.int(), 'The ID of the user who added the picture'),
  file_size: describe(z.int(), 'The size of the picture in bytes'),
  pictures: describe(
    record({
      128: describe(z.string(), 'The URL of the 128×128 picture'),
      512: describe(z.string(), 'The URL of the 512×512 picture'),
    }),
    'The picture’s URLs by size',
  ),
});

/** The picture of add_person_picture, and its cropping. */
export const pictureUpload = {
  files: {
    file: fileField(
      'The picture: a GIF, JPEG or PNG image, square and at least 128 pixels wide (or cropped to a square with the crop fields); it replaces the current picture',
      { accept: PICTURE_TYPES },
      'Picture',
    ),
  },
  body: optional({
    crop_x: describe(z.int().min(0), 'Where the crop starts from the left, in pixels', 'Crop X'),
    crop_y: describe(z.int().min(0), 'Where the crop starts from the top, in pixels', 'Crop Y'),
    crop_width: describe(z.int().positive(), 'The width of the cropped area, in pixels', 'Crop width'),
    crop_height: describe(z.int().positive(), 'The height of the cropped area, in pixels', 'Crop height'),
  }),
};

/** A product's image. */
export const productImage = record({
  id: describe(z.int(), 'The ID of the product image'),
  product_id: describe(z.int(), 'The ID of the product'),
  company_id: describe(z.string(), 'The ID of the company'),
  public_url: describe(z.string(), 'A public URL of the image, valid for 7 days'),
  add_time: describe(z.string(), 'When the image was uploaded'),
  mime_type: describe(z.string(), 'The content type of the image'),
  name: describe(z.string(), 'The file name of the image'),
});

/** The image of add_product_image and update_product_image. */
export const productImageFile = () =>
  fileField(
    'The image: one picture file (JPEG, PNG, GIF, WebP, ...), with its name and content type',
    { accept: ['image/*'] },
    'Image',
  );

/** A 128×128 PNG: the sample image of add_product_image and update_product_image. */
export const SAMPLE_PNG = {
  name: 'product.png',
  type: 'image/png',
  base64:
    'iVBORw0KGgoAAAANSUhEUgAAAIAAAACACAIAAABMXPacAAAAyElEQVR42u3RQQ0AAAjEsFODKjxhGRnwaDIFa2pah8UCAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAgAAAEAIAAABAAAAIAQAAACAAAAQAAwAUAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIAAABACAAAAQAgAAAEAAAAgBAAAAIwIcWPjxD/Xg3btYAAAAASUVORK5CYII=',
};

/** The recording of add_call_log_recording. */
export const recordingFile = () =>
  fileField(
    'The recording: an audio file the HTML5 audio element plays (MP3, WAV, OGG, AAC, ...)',
    { accept: ['audio/*'] },
    'Recording',
  );
