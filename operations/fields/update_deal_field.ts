import { defineOperation } from '../../runtime/define.js';
import { fieldChanges, fieldCode, oneField } from '../../schemas/fields.js';

const FIELD = '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a';

export default defineOperation({
  name: 'update_deal_field',
  title: 'Update deal field',
  description:
    "Changes a custom deal field's name, description or settings; only what is given changes, and its `field_code` and type stay. Options have their own operations (add_, update_ and delete_deal_field_options).",
  resource: 'fields',
  method: 'PATCH',
  path: '/dealFields/{field_code}',
  scopes: ['deals:full', 'admin', 'deal-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'deal',
  params: { field_code: fieldCode('deal') },
  body: fieldChanges('deal'),
  output: oneField,
  sample: {
    field_code: FIELD,
    field_name: 'Contract term',
    required_fields: { enabled: true, stage_ids: [3] },
  },
});
