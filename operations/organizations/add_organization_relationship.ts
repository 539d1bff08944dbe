import { defineOperation } from '../../runtime/define.js';
import { notItself, relationshipAnswer, relationshipFields, seenFrom } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'add_organization_relationship',
  title: 'Add organization relationship',
  description:
    'Links two organizations: as parent and daughter (`type: parent`, the owner being the parent) or as related organizations. An organization cannot be related to itself. Returns the relationship.',
  resource: 'organizations',
  method: 'POST',
  path: '/organizationRelationships',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 10,
  body: { ...relationshipFields, ...seenFrom },
  check: notItself,
  output: relationshipAnswer,
  sample: { type: 'parent', rel_owner_org_id: 1, rel_linked_org_id: 2 },
});
