import type { Operation } from '../../runtime/define.js';

/** The installments operations. */
const operations: Operation[] = [];

export default operations;
