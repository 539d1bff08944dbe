import type { Operation } from '../../runtime/define.js';

/** The pipelines operations. */
const operations: Operation[] = [];

export default operations;
