import add_call_log_recording from './add_call_log_recording.js';
import add_file from './add_file.js';
import add_person_picture from './add_person_picture.js';
import add_product_image from './add_product_image.js';
import add_remote_file from './add_remote_file.js';
import delete_file from './delete_file.js';
import delete_person_picture from './delete_person_picture.js';
import delete_product_image from './delete_product_image.js';
import download_file from './download_file.js';
import get_deal_files from './get_deal_files.js';
import get_file from './get_file.js';
import get_organization_files from './get_organization_files.js';
import get_person_files from './get_person_files.js';
import get_person_picture from './get_person_picture.js';
import get_product_files from './get_product_files.js';
import get_product_image from './get_product_image.js';
import link_remote_file from './link_remote_file.js';
import list_files from './list_files.js';
import update_file from './update_file.js';
import update_product_image from './update_product_image.js';

/** The files operations: files and their lists, person pictures, product images, call log recordings. */
export default [
  list_files,
  get_file,
  download_file,
  add_file,
  update_file,
  delete_file,
  add_remote_file,
  link_remote_file,
  get_deal_files,
  get_organization_files,
  get_person_files,
  get_product_files,
  add_person_picture,
  get_person_picture,
  delete_person_picture,
  get_product_image,
  add_product_image,
  update_product_image,
  delete_product_image,
  add_call_log_recording,
];
