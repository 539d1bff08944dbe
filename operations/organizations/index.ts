import type { Operation } from '../../runtime/define.js';

/** The organizations operations. */
const operations: Operation[] = [];

export default operations;
