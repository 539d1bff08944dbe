import { defineOperation } from '../../runtime/define.js';
import { optional } from '../../schemas/common.js';
import {
  notItself,
  relationshipAnswer,
  relationshipFields,
  relationshipId,
  seenFrom,
} from '../../schemas/organizations.js';

export default defineOperation({
  name: 'update_organization_relationship',
  title: 'Update organization relationship',
  description:
    'Changes the type or the organizations of a relationship. Only the fields given change; `org_id` only sets the point of view of the answer.',
  resource: 'organizations',
  method: 'PUT',
  path: '/organizationRelationships/{id}',
  api: 'v1',
  scopes: ['contacts:full'],
  tokenCost: 10,
  params: { id: relationshipId() },
  body: { ...seenFrom, ...optional(relationshipFields) },
  check: notItself,
  output: relationshipAnswer,
  sample: { id: 1, type: 'related' },
});
