import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_organization_field_options',
  title: 'Add organization field options',
  description:
    'Adds options to a custom `enum` or `set` organization field, all or none; returns the new options with their IDs.',
  resource: 'fields',
  method: 'POST',
  path: '/organizationFields/{field_code}/options',
  scopes: ['contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 25 },
  changesFields: 'organization',
  params: { field_code: fieldCode('organization') },
  listBody: optionsBody.add,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ label: 'Gold' }, { label: 'Platinum' }],
  },
});
