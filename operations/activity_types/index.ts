import add_activity_type from './add_activity_type.js';
import delete_activity_type from './delete_activity_type.js';
import delete_many_activity_types from './delete_many_activity_types.js';
import list_activity_types from './list_activity_types.js';
import update_activity_type from './update_activity_type.js';

/** The activity type operations. */
export default [
  add_activity_type,
  delete_activity_type,
  delete_many_activity_types,
  list_activity_types,
  update_activity_type,
];
