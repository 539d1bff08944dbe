import { defineOperation } from '../../runtime/define.js';
import { fieldChanges, fieldCode, oneField } from '../../schemas/fields.js';

const FIELD = '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a';

export default defineOperation({
  name: 'update_person_field',
  title: 'Update person field',
  description:
    "Changes a custom person field's name or settings; only what is given changes, and its `field_code` and type stay. Options have their own operations (add_, update_ and delete_person_field_options).",
  resource: 'fields',
  method: 'PATCH',
  path: '/personFields/{field_code}',
  scopes: ['contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'person',
  params: { field_code: fieldCode('person') },
  body: fieldChanges('person'),
  output: oneField,
  sample: { field_code: FIELD, field_name: 'Language', important_fields: { enabled: true } },
});
