import add_activity from './add_activity.js';
import delete_activity from './delete_activity.js';
import get_activity from './get_activity.js';
import list_activities from './list_activities.js';
import update_activity from './update_activity.js';

/** The activities operations. */
export default [add_activity, delete_activity, get_activity, list_activities, update_activity];
