import add_user from './add_user.js';
import find_users from './find_users.js';
import get_current_user from './get_current_user.js';
import get_user from './get_user.js';
import get_user_followers from './get_user_followers.js';
import get_user_permissions from './get_user_permissions.js';
import get_user_role_assignments from './get_user_role_assignments.js';
import get_user_role_settings from './get_user_role_settings.js';
import list_user_connections from './list_user_connections.js';
import list_user_settings from './list_user_settings.js';
import list_users from './list_users.js';
import update_user from './update_user.js';

/** The users operations: users, their permissions, roles, settings and connections. */
export default [
  add_user,
  find_users,
  get_current_user,
  get_user,
  get_user_followers,
  get_user_permissions,
  get_user_role_assignments,
  get_user_role_settings,
  list_user_connections,
  list_user_settings,
  list_users,
  update_user,
];
