import add_project from './add_project.js';
import archive_project from './archive_project.js';
import delete_project from './delete_project.js';
import get_project from './get_project.js';
import get_project_activities from './get_project_activities.js';
import get_project_changelog from './get_project_changelog.js';
import get_project_groups from './get_project_groups.js';
import get_project_permitted_users from './get_project_permitted_users.js';
import get_project_plan from './get_project_plan.js';
import list_archived_projects from './list_archived_projects.js';
import list_projects from './list_projects.js';
import search_projects from './search_projects.js';
import update_project from './update_project.js';
import update_project_plan_activity from './update_project_plan_activity.js';
import update_project_plan_task from './update_project_plan_task.js';

/** The project operations (API v2; the plan, groups and activities of a project on API v1, which alone has them). */
export default [
  add_project,
  archive_project,
  delete_project,
  get_project,
  get_project_activities,
  get_project_changelog,
  get_project_groups,
  get_project_permitted_users,
  get_project_plan,
  list_archived_projects,
  list_projects,
  search_projects,
  update_project,
  update_project_plan_activity,
  update_project_plan_task,
];
