import { defineOperation } from '../../runtime/define.js';
import { relationshipAnswer, relationshipId, seenFrom } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'get_organization_relationship',
  title: 'Get organization relationship',
  description:
    'Returns an organization relationship; with `org_id`, also what the other organization is to that one (`calculated_type`, `calculated_related_org_id`).',
  resource: 'organizations',
  method: 'GET',
  path: '/organizationRelationships/{id}',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 2,
  params: { id: relationshipId() },
  query: seenFrom,
  output: relationshipAnswer,
  sample: { id: 1, org_id: 1 },
});
