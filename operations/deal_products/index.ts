import add_deal_product from './add_deal_product.js';
import delete_deal_product from './delete_deal_product.js';
import get_deal_products from './get_deal_products.js';
import list_deals_products from './list_deals_products.js';
import update_deal_product from './update_deal_product.js';

/** The deal_products operations. */
export default [
  add_deal_product,
  delete_deal_product,
  get_deal_products,
  list_deals_products,
  update_deal_product,
];
