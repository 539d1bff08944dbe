import search_item from './search_item.js';
import search_item_by_field from './search_item_by_field.js';

/** The item_search operations. */
export default [search_item, search_item_by_field];
