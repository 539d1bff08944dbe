import list_recents from './list_recents.js';

/** The recent changes feed. */
export default [list_recents];
