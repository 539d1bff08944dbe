import type { Operation } from '../../runtime/define.js';

/** The leads operations. */
const operations: Operation[] = [];

export default operations;
