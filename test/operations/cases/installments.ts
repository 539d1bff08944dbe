import { ok, page } from '../../fixtures/entities.js';
import { installment } from '../../fixtures/installments.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'add_installment',
    input: { id: 101, description: 'First payment', amount: 6000, billing_date: '2026-12-15' },
    method: 'POST',
    path: '/api/v2/deals/101/installments',
    body: { description: 'First payment', amount: 6000, billing_date: '2026-12-15' },
    reply: ok(installment()),
  },
  {
    op: 'update_installment',
    input: { id: 101, installment_id: 801, amount: 6500.5, billing_date: '2027-01-15' },
    method: 'PATCH',
    path: '/api/v2/deals/101/installments/801',
    body: { amount: 6500.5, billing_date: '2027-01-15' },
    reply: ok(installment(801, { amount: 6500.5, billing_date: '2027-01-15' })),
  },
  {
    op: 'delete_installment',
    input: { id: 101, installment_id: 801 },
    method: 'DELETE',
    path: '/api/v2/deals/101/installments/801',
    reply: ok({ id: 801 }),
  },
  {
    op: 'list_installments',
    input: { deal_ids: [101, 102], sort_by: 'billing_date', sort_direction: 'desc', limit: 100 },
    method: 'GET',
    path: '/api/v2/deals/installments',
    query: { deal_ids: '101,102', sort_by: 'billing_date', sort_direction: 'desc', limit: '100' },
    reply: page([
      installment(802, { description: 'Second payment', billing_date: '2027-06-15' }),
      installment(803, { deal_id: 102, amount: 2500 }),
    ]),
  },
];

export default cases;
