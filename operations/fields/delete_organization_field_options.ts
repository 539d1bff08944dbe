import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_organization_field_options',
  title: 'Delete organization field options',
  description:
    'Deletes options of a custom `enum` or `set` organization field by option ID, all or none (an unknown ID fails the call); returns the deleted options.',
  resource: 'fields',
  method: 'DELETE',
  path: '/organizationFields/{field_code}/options',
  scopes: ['contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 15 },
  changesFields: 'organization',
  params: { field_code: fieldCode('organization') },
  listBody: optionsBody.delete,
  output: changedOptions,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a', options: [{ id: 12 }, { id: 13 }] },
});
