import { defineOperation } from '../../runtime/define.js';
import { relationshipList } from '../../schemas/organizations.js';
import { pick } from '../../schemas/records.js';

export default defineOperation({
  name: 'list_organization_relationships',
  title: 'List organization relationships',
  description:
    'Returns the relationships of an organization (parent, daughter or related organizations), each saying what the other organization is to it (`calculated_type`).',
  resource: 'organizations',
  method: 'GET',
  path: '/organizationRelationships',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 20,
  query: { org_id: pick('organizations', 'The organization whose relationships to return', 'Organization') },
  output: relationshipList,
  sample: { org_id: 1 },
});
