import get_permission_set from './get_permission_set.js';
import get_permission_set_assignments from './get_permission_set_assignments.js';
import list_permission_sets from './list_permission_sets.js';

/** The permission set operations (admin only). */
export default [get_permission_set, get_permission_set_assignments, list_permission_sets];
