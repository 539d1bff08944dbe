import add_or_update_role_setting from './add_or_update_role_setting.js';
import add_role from './add_role.js';
import add_role_assignment from './add_role_assignment.js';
import delete_role from './delete_role.js';
import delete_role_assignment from './delete_role_assignment.js';
import get_role from './get_role.js';
import get_role_assignments from './get_role_assignments.js';
import get_role_pipelines from './get_role_pipelines.js';
import get_role_settings from './get_role_settings.js';
import list_roles from './list_roles.js';
import update_role from './update_role.js';
import update_role_pipelines from './update_role_pipelines.js';

/** The role operations (admin only). */
export default [
  add_or_update_role_setting,
  add_role,
  add_role_assignment,
  delete_role,
  delete_role_assignment,
  get_role,
  get_role_assignments,
  get_role_pipelines,
  get_role_settings,
  list_roles,
  update_role,
  update_role_pipelines,
];
