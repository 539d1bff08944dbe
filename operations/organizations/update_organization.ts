import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { organization, organizationBody } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'update_organization',
  title: 'Update organization',
  description: 'Updates the properties of an organization. Only the fields given are changed.',
  resource: 'organizations',
  method: 'PATCH',
  path: '/organizations/{id}',
  scopes: ['contacts:full'],
  tokenCost: 5,
  customFields: { entity: 'organization' },
  params: { id: id('The ID of the organization', 'Organization') },
  body: organizationBody,
  output: single(organization),
  sample: { id: 1, website: 'https://northwind.example.com', employee_count: 120 },
});
