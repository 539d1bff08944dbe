import type { Operation } from '../../runtime/define.js';
import add_stage from './add_stage.js';
import delete_stage from './delete_stage.js';
import get_stage from './get_stage.js';
import list_stages from './list_stages.js';
import update_stage from './update_stage.js';

/** The stages operations. */
const operations: Operation[] = [add_stage, delete_stage, get_stage, list_stages, update_stage];

export default operations;
