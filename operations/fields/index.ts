import add_project_field from './add_project_field.js';
import add_project_field_options from './add_project_field_options.js';
import delete_project_field from './delete_project_field.js';
import delete_project_field_options from './delete_project_field_options.js';
import get_project_field from './get_project_field.js';
import list_activity_fields from './list_activity_fields.js';
import list_deal_fields from './list_deal_fields.js';
import list_organization_fields from './list_organization_fields.js';
import list_person_fields from './list_person_fields.js';
import list_product_fields from './list_product_fields.js';
import list_project_fields from './list_project_fields.js';
import update_project_field from './update_project_field.js';
import update_project_field_options from './update_project_field_options.js';

/** The field definition operations (API v2). */
export default [
  add_project_field,
  add_project_field_options,
  delete_project_field,
  delete_project_field_options,
  get_project_field,
  list_activity_fields,
  list_deal_fields,
  list_organization_fields,
  list_person_fields,
  list_product_fields,
  list_project_fields,
  update_project_field,
  update_project_field_options,
];
