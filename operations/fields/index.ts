import add_deal_field from './add_deal_field.js';
import add_deal_field_options from './add_deal_field_options.js';
import add_organization_field from './add_organization_field.js';
import add_organization_field_options from './add_organization_field_options.js';
import add_person_field from './add_person_field.js';
import add_person_field_options from './add_person_field_options.js';
import add_product_field from './add_product_field.js';
import add_product_field_options from './add_product_field_options.js';
import add_project_field from './add_project_field.js';
import add_project_field_options from './add_project_field_options.js';
import delete_deal_field from './delete_deal_field.js';
import delete_deal_field_options from './delete_deal_field_options.js';
import delete_many_deal_fields from './delete_many_deal_fields.js';
import delete_many_organization_fields from './delete_many_organization_fields.js';
import delete_many_person_fields from './delete_many_person_fields.js';
import delete_many_product_fields from './delete_many_product_fields.js';
import delete_organization_field from './delete_organization_field.js';
import delete_organization_field_options from './delete_organization_field_options.js';
import delete_person_field from './delete_person_field.js';
import delete_person_field_options from './delete_person_field_options.js';
import delete_product_field from './delete_product_field.js';
import delete_product_field_options from './delete_product_field_options.js';
import delete_project_field from './delete_project_field.js';
import delete_project_field_options from './delete_project_field_options.js';
import get_activity_field from './get_activity_field.js';
import get_deal_field from './get_deal_field.js';
import get_organization_field from './get_organization_field.js';
import get_person_field from './get_person_field.js';
import get_product_field from './get_product_field.js';
import get_project_field from './get_project_field.js';
import list_activity_fields from './list_activity_fields.js';
import list_deal_fields from './list_deal_fields.js';
import list_note_fields from './list_note_fields.js';
import list_organization_fields from './list_organization_fields.js';
import list_person_fields from './list_person_fields.js';
import list_product_fields from './list_product_fields.js';
import list_project_fields from './list_project_fields.js';
import update_deal_field from './update_deal_field.js';
import update_deal_field_options from './update_deal_field_options.js';
import update_organization_field from './update_organization_field.js';
import update_organization_field_options from './update_organization_field_options.js';
import update_person_field from './update_person_field.js';
import update_person_field_options from './update_person_field_options.js';
import update_product_field from './update_product_field.js';
import update_product_field_options from './update_product_field_options.js';
import update_project_field from './update_project_field.js';
import update_project_field_options from './update_project_field_options.js';

/** The field definition operations: the fields of deals, persons, organizations, products, projects, activities and notes. */
export default [
  add_deal_field,
  add_deal_field_options,
  add_organization_field,
  add_organization_field_options,
  add_person_field,
  add_person_field_options,
  add_product_field,
  add_product_field_options,
  add_project_field,
  add_project_field_options,
  delete_deal_field,
  delete_deal_field_options,
  delete_many_deal_fields,
  delete_many_organization_fields,
  delete_many_person_fields,
  delete_many_product_fields,
  delete_organization_field,
  delete_organization_field_options,
  delete_person_field,
  delete_person_field_options,
  delete_product_field,
  delete_product_field_options,
  delete_project_field,
  delete_project_field_options,
  get_activity_field,
  get_deal_field,
  get_organization_field,
  get_person_field,
  get_product_field,
  get_project_field,
  list_activity_fields,
  list_deal_fields,
  list_note_fields,
  list_organization_fields,
  list_person_fields,
  list_product_fields,
  list_project_fields,
  update_deal_field,
  update_deal_field_options,
  update_organization_field,
  update_organization_field_options,
  update_person_field,
  update_person_field_options,
  update_product_field,
  update_product_field_options,
  update_project_field,
  update_project_field_options,
];
