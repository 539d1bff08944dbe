import list_activity_types from './list_activity_types.js';

/** The activity type operations. */
export default [list_activity_types];
