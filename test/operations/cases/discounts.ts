import { DISCOUNT_ID, discount } from '../../fixtures/discounts.js';
import { ok } from '../../fixtures/entities.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'add_additional_discount',
    input: { id: 101, description: 'Loyalty discount', amount: 10, type: 'percentage' },
    method: 'POST',
    path: '/api/v2/deals/101/discounts',
    body: { description: 'Loyalty discount', amount: 10, type: 'percentage' },
    reply: ok(discount()),
  },
  {
    op: 'update_additional_discount',
    input: { id: 101, discount_id: DISCOUNT_ID, amount: 500, type: 'amount' },
    method: 'PATCH',
    path: `/api/v2/deals/101/discounts/${DISCOUNT_ID}`,
    body: { amount: 500, type: 'amount' },
    reply: ok(discount({ amount: 500, type: 'amount', updated_at: '2026-10-05T08:00:00Z' })),
  },
  {
    op: 'delete_additional_discount',
    input: { id: 101, discount_id: DISCOUNT_ID },
    method: 'DELETE',
    path: `/api/v2/deals/101/discounts/${DISCOUNT_ID}`,
    reply: ok({ id: DISCOUNT_ID }),
  },
  {
    op: 'get_additional_discounts',
    input: { id: 101 },
    method: 'GET',
    path: '/api/v2/deals/101/discounts',
    reply: ok([
      discount(),
      discount({ id: '0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b', description: 'Bundle', type: 'amount' }),
    ]),
  },
];

export default cases;
