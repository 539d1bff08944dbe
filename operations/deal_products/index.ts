import type { Operation } from '../../runtime/define.js';

/** The deal_products operations. */
const operations: Operation[] = [];

export default operations;
