import list_company_addons from './list_company_addons.js';

/** The billing operations. */
export default [list_company_addons];
