import find_users from './find_users.js';
import get_current_user from './get_current_user.js';
import get_user from './get_user.js';
import get_user_followers from './get_user_followers.js';
import list_users from './list_users.js';

/** The users operations. */
export default [find_users, get_current_user, get_user, get_user_followers, list_users];
