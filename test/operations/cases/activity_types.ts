import { ok } from '../../fixtures/entities.js';
import { activityType } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

const siteVisit = {
  ...activityType(9, 'Site visit', 'site_visit', 3),
  icon_key: 'car',
  is_custom_flag: true,
};

const cases: OperationCase[] = [
  {
    op: 'list_activity_types',
    input: {},
    method: 'GET',
    path: '/v1/activityTypes',
    reply: ok([activityType(1, 'Call', 'call', 1), activityType(2, 'Meeting', 'meeting', 2), siteVisit]),
  },
  {
    op: 'add_activity_type',
    input: { name: 'Site visit', icon_key: 'car', color: 'FFA500' },
    method: 'POST',
    path: '/v1/activityTypes',
    body: { name: 'Site visit', icon_key: 'car', color: 'FFA500' },
    reply: ok({ ...siteVisit, color: 'FFA500' }),
  },
  {
    op: 'update_activity_type',
    // A form's strings are read as the schema's types: the order is sent as a number.
    input: { id: '9', name: 'On-site visit', order_nr: '5' },
    method: 'PUT',
    path: '/v1/activityTypes/9',
    body: { name: 'On-site visit', order_nr: 5 },
    reply: ok({ ...siteVisit, name: 'On-site visit', order_nr: 5 }),
  },
  {
    op: 'delete_activity_type',
    input: { id: 9 },
    method: 'DELETE',
    path: '/v1/activityTypes/9',
    reply: ok({ ...siteVisit, active_flag: false }),
  },
  {
    op: 'delete_many_activity_types',
    input: { ids: '9,10' },
    method: 'DELETE',
    path: '/v1/activityTypes',
    query: { ids: '9,10' },
    reply: ok({ id: [9, 10] }),
  },
];

export default cases;
