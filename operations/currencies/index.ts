import type { Operation } from '../../runtime/define.js';

/** The currencies operations. */
const operations: Operation[] = [];

export default operations;
