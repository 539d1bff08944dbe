import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_person_field_options',
  title: 'Add person field options',
  description:
    'Adds options to a custom `enum` or `set` person field, all or none; returns the new options with their IDs.',
  resource: 'fields',
  method: 'POST',
  path: '/personFields/{field_code}/options',
  scopes: ['contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 25 },
  changesFields: 'person',
  params: { field_code: fieldCode('person') },
  listBody: optionsBody.add,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ label: 'Gold' }, { label: 'Platinum' }],
  },
});
