import type { Operation } from '../../runtime/define.js';

/** The product_variations operations. */
const operations: Operation[] = [];

export default operations;
