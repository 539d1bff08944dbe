import list_activity_fields from './list_activity_fields.js';
import list_deal_fields from './list_deal_fields.js';
import list_organization_fields from './list_organization_fields.js';
import list_person_fields from './list_person_fields.js';
import list_product_fields from './list_product_fields.js';

/** The field definition operations (API v2). */
export default [
  list_activity_fields,
  list_deal_fields,
  list_organization_fields,
  list_person_fields,
  list_product_fields,
];
