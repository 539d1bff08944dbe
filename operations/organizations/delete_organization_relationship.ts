import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_organization_relationship',
  title: 'Delete organization relationship',
  description:
    'Removes a relationship between two organizations, by its ID (from `list_organization_relationships`); the organizations stay.',
  resource: 'organizations',
  method: 'DELETE',
  path: '/organizationRelationships/{id}',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 6,
  params: { id: id('The ID of the organization relationship', 'Relationship') },
  output: deleted('The ID of the deleted relationship'),
  sample: { id: 1 },
});
