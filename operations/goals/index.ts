import add_goal from './add_goal.js';
import delete_goal from './delete_goal.js';
import get_goal_result from './get_goal_result.js';
import list_goals from './list_goals.js';
import update_goal from './update_goal.js';

/** The goals operations. */
export default [add_goal, delete_goal, get_goal_result, list_goals, update_goal];
