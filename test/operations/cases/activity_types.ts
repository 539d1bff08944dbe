import { ok } from '../../fixtures/entities.js';
import { activityType } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_activity_types',
    input: {},
    method: 'GET',
    path: '/v1/activityTypes',
    reply: ok([
      activityType(1, 'Call', 'call', 1),
      activityType(2, 'Meeting', 'meeting', 2),
      { ...activityType(9, 'Site visit', 'site_visit', 3), icon_key: 'car', is_custom_flag: true },
    ]),
  },
];

export default cases;
