import type { Operation } from '../../runtime/define.js';

/** The mail operations. */
const operations: Operation[] = [];

export default operations;
