import { dealProduct } from '../../fixtures/deal_products.js';
import { ok, page } from '../../fixtures/entities.js';
import type { OperationCase } from '../harness.js';

/** Every body field of add_deal_product, as given and as sent. */
const fullBody = {
  product_id: 401,
  item_price: 250,
  quantity: 4,
  tax: 20,
  tax_method: 'exclusive',
  discount: 10,
  discount_type: 'percentage',
  comments: 'Annual seats',
  is_enabled: true,
  product_variation_id: null,
  billing_frequency: 'monthly',
  billing_frequency_cycles: 12,
  billing_start_date: '2027-01-01',
};

const cases: OperationCase[] = [
  {
    op: 'add_deal_product',
    input: { id: 101, ...fullBody },
    method: 'POST',
    path: '/api/v2/deals/101/products',
    body: fullBody,
    reply: ok(
      dealProduct(701, {
        tax: 20,
        billing_frequency: 'monthly',
        billing_frequency_cycles: 12,
        billing_start_date: '2027-01-01',
      }),
    ),
  },
  {
    op: 'add_many_deal_products',
    input: {
      id: 101,
      data: [
        fullBody,
        { product_id: 402, item_price: 90, quantity: 1, discount: 5, discount_type: 'amount' },
      ],
    },
    method: 'POST',
    path: '/api/v2/deals/101/products/bulk',
    body: {
      data: [
        fullBody,
        { product_id: 402, item_price: 90, quantity: 1, discount: 5, discount_type: 'amount' },
      ],
    },
    reply: ok([dealProduct(701), dealProduct(702, { product_id: 402, item_price: 90, quantity: 1 })]),
  },
  {
    op: 'delete_many_deal_products',
    input: { id: 101, ids: [701, 702] },
    method: 'DELETE',
    path: '/api/v2/deals/101/products',
    query: { ids: '701,702' },
    reply: ok({ ids: [701, 702] }, { more_items_in_collection: false }),
  },
  {
    op: 'delete_many_deal_products',
    title: 'without ids: the first 100',
    input: { id: 101 },
    method: 'DELETE',
    path: '/api/v2/deals/101/products',
    reply: ok({ ids: [701, 702, 703] }, { more_items_in_collection: true }),
  },
  {
    op: 'update_deal_product',
    input: { id: 101, product_attachment_id: 701, quantity: 5.5, billing_frequency_cycles: null },
    method: 'PATCH',
    path: '/api/v2/deals/101/products/701',
    body: { quantity: 5.5, billing_frequency_cycles: null },
    reply: ok(dealProduct(701, { quantity: 5.5, sum: 1237.5 })),
  },
  {
    op: 'delete_deal_product',
    input: { id: 101, product_attachment_id: 701 },
    method: 'DELETE',
    path: '/api/v2/deals/101/products/701',
    reply: ok({ id: 701 }),
  },
  {
    op: 'get_deal_products',
    input: { id: 101, sort_by: 'order_nr', sort_direction: 'desc', limit: 50 },
    method: 'GET',
    path: '/api/v2/deals/101/products',
    query: { sort_by: 'order_nr', sort_direction: 'desc', limit: '50' },
    reply: page([dealProduct(701), dealProduct(702, { product_id: 402, order_nr: 2 })]),
  },
  {
    op: 'list_deals_products',
    input: { deal_ids: [101, 102], sort_by: 'deal_id', sort_direction: 'asc', cursor: 'eyJpZCI6NzAyfQ' },
    method: 'GET',
    path: '/api/v2/deals/products',
    query: { deal_ids: '101,102', sort_by: 'deal_id', sort_direction: 'asc', cursor: 'eyJpZCI6NzAyfQ' },
    reply: page([dealProduct(701), dealProduct(703, { deal_id: 102 })], 'eyJpZCI6NzAzfQ'),
  },
];

export default cases;
