import type { Operation } from '../../runtime/define.js';

/** The stages operations. */
const operations: Operation[] = [];

export default operations;
