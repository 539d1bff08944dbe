import { hits, ok, page } from '../../fixtures/entities.js';
import { CATEGORY_FIELD_KEY, product, productSearchItem } from '../../fixtures/products.js';
import type { OperationCase } from '../harness.js';

const newProduct = {
  name: 'Onboarding workshop',
  code: 'ONB-WS',
  description: 'Two-day on-site onboarding for new teams',
  unit: 'session',
  tax: 20,
  category: 12,
  owner_id: 11,
  is_linkable: true,
  visible_to: 3,
  prices: [
    { currency: 'EUR', price: 1500, cost: 600, direct_cost: 250, notes: 'List price 2026' },
    { currency: 'USD', price: 1650 },
  ],
  billing_frequency: 'one-time',
  billing_frequency_cycles: null,
  custom_fields: { [CATEGORY_FIELD_KEY]: 'Services' },
};

const cases: OperationCase[] = [
  {
    op: 'add_product',
    // Every body field, nested prices included, goes through unchanged.
    input: newProduct,
    method: 'POST',
    path: '/api/v2/products',
    body: newProduct,
    reply: ok(product()),
  },
  {
    op: 'update_product',
    input: { id: 402, name: 'Support plan', billing_frequency: 'monthly', billing_frequency_cycles: 12 },
    method: 'PATCH',
    path: '/api/v2/products/402',
    body: { name: 'Support plan', billing_frequency: 'monthly', billing_frequency_cycles: 12 },
    reply: ok(
      product(402, { name: 'Support plan', billing_frequency: 'monthly', billing_frequency_cycles: 12 }),
    ),
  },
  {
    op: 'duplicate_product',
    input: { id: 401, custom_fields_by_name: false },
    method: 'POST',
    path: '/api/v2/products/401/duplicate',
    reply: ok(product(405, { name: 'Onboarding workshop (copy)' })),
  },
  {
    op: 'get_product',
    input: { id: 401 },
    method: 'GET',
    path: '/api/v2/products/401',
    reply: ok(product()),
  },
  {
    op: 'delete_product',
    input: { id: 401 },
    method: 'DELETE',
    path: '/api/v2/products/401',
    reply: ok({ id: 401 }),
  },
  {
    op: 'list_products',
    input: {
      owner_id: 11,
      ids: [401, 402],
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'name',
      sort_direction: 'desc',
      custom_fields: [CATEGORY_FIELD_KEY],
      limit: 200,
    },
    method: 'GET',
    path: '/api/v2/products',
    query: {
      owner_id: '11',
      ids: '401,402',
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'name',
      sort_direction: 'desc',
      custom_fields: CATEGORY_FIELD_KEY,
      limit: '200',
    },
    reply: page([product(401), product(402, { name: 'Support plan' })], null),
  },
  {
    op: 'search_products',
    input: {
      term: 'workshop',
      fields: ['name', 'code'],
      exact_match: true,
      include_fields: ['product.price'],
      limit: 50,
    },
    method: 'GET',
    path: '/api/v2/products/search',
    query: {
      term: 'workshop',
      fields: 'name,code',
      exact_match: 'true',
      include_fields: 'product.price',
      limit: '50',
    },
    reply: hits([productSearchItem()]),
  },
];

export default cases;
