import type { Operation } from '../../runtime/define.js';

/** The filters operations. */
const operations: Operation[] = [];

export default operations;
