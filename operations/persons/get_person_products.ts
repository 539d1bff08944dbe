import { defineOperation } from '../../runtime/define.js';
import { personProducts } from '../../schemas/products.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_person_products',
  title: 'Get person products',
  description:
    'Returns the products of the deals of a person: each item holds, under the deal ID, the deal and one product attached to it.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}/products',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 20,
  params: recordPath('person'),
  pagination: { maxLimit: 500, style: 'offset' },
  output: personProducts,
  sample: { id: 1 },
});
