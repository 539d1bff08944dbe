import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { organization, organizationBody, organizationName } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'add_organization',
  title: 'Add organization',
  description: 'Adds a new organization (company). Only `name` is required.',
  resource: 'organizations',
  method: 'POST',
  path: '/organizations',
  scopes: ['contacts:full'],
  tokenCost: 5,
  customFields: { entity: 'organization' },
  body: { ...organizationBody, name: organizationName },
  output: single(organization),
  sample: {
    name: 'Northwind Traders',
    visible_to: 3,
    address: { value: 'Narva mnt 5, 10117 Tallinn, Estonia', locality: 'Tallinn', country: 'Estonia' },
  },
});
