import add_filter from './add_filter.js';
import delete_filter from './delete_filter.js';
import delete_many_filters from './delete_many_filters.js';
import get_filter from './get_filter.js';
import get_filter_helpers from './get_filter_helpers.js';
import list_filters from './list_filters.js';
import update_filter from './update_filter.js';

/** The filter operations. */
export default [
  add_filter,
  delete_filter,
  delete_many_filters,
  get_filter,
  get_filter_helpers,
  list_filters,
  update_filter,
];
