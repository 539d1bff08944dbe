import add_project_phase from './add_project_phase.js';
import delete_project_phase from './delete_project_phase.js';
import get_project_phase from './get_project_phase.js';
import list_project_phases from './list_project_phases.js';
import update_project_phase from './update_project_phase.js';

/** The project phase operations (API v2). */
export default [
  add_project_phase,
  delete_project_phase,
  get_project_phase,
  list_project_phases,
  update_project_phase,
];
