import add_project from './add_project.js';
import archive_project from './archive_project.js';
import delete_project from './delete_project.js';
import get_project from './get_project.js';
import get_project_changelog from './get_project_changelog.js';
import get_project_permitted_users from './get_project_permitted_users.js';
import list_archived_projects from './list_archived_projects.js';
import list_projects from './list_projects.js';
import search_projects from './search_projects.js';
import update_project from './update_project.js';

/** The project operations (API v2). */
export default [
  add_project,
  archive_project,
  delete_project,
  get_project,
  get_project_changelog,
  get_project_permitted_users,
  list_archived_projects,
  list_projects,
  search_projects,
  update_project,
];
