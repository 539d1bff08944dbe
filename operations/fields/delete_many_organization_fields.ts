import { defineOperation } from '../../runtime/define.js';
import { v1FieldIds } from '../../schemas/fields.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_organization_fields',
  title: 'Delete many organization fields',
  description:
    'Marks several custom organization fields as deleted in one call, by their numeric API v1 IDs, and returns the IDs. One field by its `field_code`: delete_organization_field.',
  resource: 'fields',
  method: 'DELETE',
  path: '/organizationFields',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  changesFields: 'organization',
  query: { ids: v1FieldIds('organization') },
  output: deletedMany('fields'),
  sample: { ids: [51, 52] },
});
