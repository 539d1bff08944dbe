import add_product from './add_product.js';
import delete_product from './delete_product.js';
import duplicate_product from './duplicate_product.js';
import get_product from './get_product.js';
import list_products from './list_products.js';
import search_products from './search_products.js';
import update_product from './update_product.js';

/** The products operations. */
export default [
  add_product,
  delete_product,
  duplicate_product,
  get_product,
  list_products,
  search_products,
  update_product,
];
