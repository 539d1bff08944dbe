import add_product_variation from './add_product_variation.js';
import delete_product_variation from './delete_product_variation.js';
import get_product_variations from './get_product_variations.js';
import update_product_variation from './update_product_variation.js';

/** The product_variations operations. */
export default [
  add_product_variation,
  delete_product_variation,
  get_product_variations,
  update_product_variation,
];
