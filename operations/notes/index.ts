import type { Operation } from '../../runtime/define.js';

/** The notes operations. */
const operations: Operation[] = [];

export default operations;
