import type { Operation } from '../../runtime/define.js';

/** The activity_types operations. */
const operations: Operation[] = [];

export default operations;
