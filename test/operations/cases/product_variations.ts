import { ok, page } from '../../fixtures/entities.js';
import { productVariation } from '../../fixtures/product_variations.js';
import type { OperationCase } from '../harness.js';

const newVariation = {
  name: 'Half-day (remote)',
  prices: [
    { currency: 'EUR', price: 800, cost: 300, direct_cost: 120, notes: 'Remote delivery' },
    { currency: 'USD', price: 880 },
  ],
};

const cases: OperationCase[] = [
  {
    op: 'add_product_variation',
    input: { id: 401, ...newVariation },
    method: 'POST',
    path: '/api/v2/products/401/variations',
    body: newVariation,
    reply: ok(productVariation()),
  },
  {
    op: 'update_product_variation',
    input: { id: 401, product_variation_id: 451, prices: [{ currency: 'EUR', price: 850 }] },
    method: 'PATCH',
    path: '/api/v2/products/401/variations/451',
    body: { prices: [{ currency: 'EUR', price: 850 }] },
    reply: ok(
      productVariation(451, 401, { prices: [{ product_variation_id: 451, currency: 'EUR', price: 850 }] }),
    ),
  },
  {
    op: 'delete_product_variation',
    input: { id: 401, product_variation_id: 451 },
    method: 'DELETE',
    path: '/api/v2/products/401/variations/451',
    reply: ok({ id: 451 }),
  },
  {
    op: 'get_product_variations',
    input: { id: 401, limit: 2, cursor: 'djI6NDUx' },
    method: 'GET',
    path: '/api/v2/products/401/variations',
    query: { limit: '2', cursor: 'djI6NDUx' },
    reply: page(
      [productVariation(451), productVariation(452, 401, { name: 'Full day (on-site)' })],
      'djI6NDUz',
    ),
  },
];

export default cases;
