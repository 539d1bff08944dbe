import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'update_deal_field_options',
  title: 'Update deal field options',
  description:
    'Relabels options of a custom `enum` or `set` deal field by option ID, all or none (an unknown ID fails the call); returns the updated options.',
  resource: 'fields',
  method: 'PATCH',
  path: '/dealFields/{field_code}/options',
  scopes: ['deals:full', 'admin', 'deal-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'deal',
  params: { field_code: fieldCode('deal') },
  listBody: optionsBody.update,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ id: 12, label: 'Gold (annual)' }],
  },
});
