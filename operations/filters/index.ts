import list_filters from './list_filters.js';

/** The filter operations. */
export default [list_filters];
