import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_deal_field_options',
  title: 'Delete deal field options',
  description:
    'Deletes options of a custom `enum` or `set` deal field by option ID, all or none (an unknown ID fails the call); returns the deleted options.',
  resource: 'fields',
  method: 'DELETE',
  path: '/dealFields/{field_code}/options',
  scopes: ['deals:full', 'admin', 'deal-fields:full'],
  tokenCost: { estimated: 15 },
  changesFields: 'deal',
  params: { field_code: fieldCode('deal') },
  listBody: optionsBody.delete,
  output: changedOptions,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a', options: [{ id: 12 }, { id: 13 }] },
});
