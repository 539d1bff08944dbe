import type { Operation } from '../../runtime/define.js';

/** The users operations. */
const operations: Operation[] = [];

export default operations;
