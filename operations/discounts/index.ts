import add_additional_discount from './add_additional_discount.js';
import delete_additional_discount from './delete_additional_discount.js';
import get_additional_discounts from './get_additional_discounts.js';
import update_additional_discount from './update_additional_discount.js';

/** The discounts operations. */
export default [
  add_additional_discount,
  delete_additional_discount,
  get_additional_discounts,
  update_additional_discount,
];
