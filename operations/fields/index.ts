import type { Operation } from '../../runtime/define.js';

/** The fields operations. */
const operations: Operation[] = [];

export default operations;
