import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [];

export default cases;
