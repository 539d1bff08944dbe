import get_user_followers from './get_user_followers.js';

/** The users operations. */
export default [get_user_followers];
