import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_deal_field_options',
  title: 'Add deal field options',
  description:
    'Adds options to a custom `enum` or `set` deal field, all or none; returns the new options with their IDs.',
  resource: 'fields',
  method: 'POST',
  path: '/dealFields/{field_code}/options',
  scopes: ['deals:full', 'admin', 'deal-fields:full'],
  tokenCost: { estimated: 25 },
  changesFields: 'deal',
  params: { field_code: fieldCode('deal') },
  listBody: optionsBody.add,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ label: 'Gold' }, { label: 'Platinum' }],
  },
});
