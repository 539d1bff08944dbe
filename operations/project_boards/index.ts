import add_project_board from './add_project_board.js';
import delete_project_board from './delete_project_board.js';
import get_project_board from './get_project_board.js';
import list_project_boards from './list_project_boards.js';
import update_project_board from './update_project_board.js';

/** The project board operations (API v2). */
export default [
  add_project_board,
  delete_project_board,
  get_project_board,
  list_project_boards,
  update_project_board,
];
