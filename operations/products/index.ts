import type { Operation } from '../../runtime/define.js';

/** The products operations. */
const operations: Operation[] = [];

export default operations;
