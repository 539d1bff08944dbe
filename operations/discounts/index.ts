import type { Operation } from '../../runtime/define.js';

/** The discounts operations. */
const operations: Operation[] = [];

export default operations;
