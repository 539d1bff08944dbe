import add_deal_product from './add_deal_product.js';
import add_many_deal_products from './add_many_deal_products.js';
import delete_deal_product from './delete_deal_product.js';
import delete_many_deal_products from './delete_many_deal_products.js';
import get_deal_products from './get_deal_products.js';
import list_deals_products from './list_deals_products.js';
import update_deal_product from './update_deal_product.js';

/** The deal_products operations. */
export default [
  add_deal_product,
  add_many_deal_products,
  delete_deal_product,
  delete_many_deal_products,
  get_deal_products,
  list_deals_products,
  update_deal_product,
];
