import type { Operation } from '../../runtime/define.js';

/** The followers operations. */
const operations: Operation[] = [];

export default operations;
