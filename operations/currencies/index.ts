import list_currencies from './list_currencies.js';

/** The currency operations. */
export default [list_currencies];
