import { defineOperation } from '../../runtime/define.js';
import { permittedUsers, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_product_permitted_users',
  title: 'Get product permitted users',
  description: 'Returns the IDs of the users who may see a product.',
  resource: 'products',
  method: 'GET',
  path: '/products/{id}/permittedUsers',
  api: 'v1',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  params: recordPath('product'),
  output: permittedUsers,
  sample: { id: 1 },
});
