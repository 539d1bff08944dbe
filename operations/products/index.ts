import add_product from './add_product.js';
import delete_product from './delete_product.js';
import duplicate_product from './duplicate_product.js';
import get_product from './get_product.js';
import get_product_deals from './get_product_deals.js';
import get_product_permitted_users from './get_product_permitted_users.js';
import list_products from './list_products.js';
import search_products from './search_products.js';
import update_product from './update_product.js';

/** The products operations. */
export default [
  add_product,
  delete_product,
  duplicate_product,
  get_product,
  get_product_deals,
  get_product_permitted_users,
  list_products,
  search_products,
  update_product,
];
