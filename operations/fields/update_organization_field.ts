import { defineOperation } from '../../runtime/define.js';
import { fieldChanges, fieldCode, oneField } from '../../schemas/fields.js';

const FIELD = '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a';

export default defineOperation({
  name: 'update_organization_field',
  title: 'Update organization field',
  description:
    "Changes a custom organization field's name or settings; only what is given changes, and its `field_code` and type stay. Options have their own operations (add_, update_ and delete_organization_field_options).",
  resource: 'fields',
  method: 'PATCH',
  path: '/organizationFields/{field_code}',
  scopes: ['contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'organization',
  params: { field_code: fieldCode('organization') },
  body: fieldChanges('organization'),
  output: oneField,
  sample: { field_code: FIELD, required_fields: { enabled: true } },
});
