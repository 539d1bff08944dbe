import type { Operation } from '../../runtime/define.js';

/** The item_search operations. */
const operations: Operation[] = [];

export default operations;
