import type { Operation } from '../../runtime/define.js';

/** The persons operations. */
const operations: Operation[] = [];

export default operations;
