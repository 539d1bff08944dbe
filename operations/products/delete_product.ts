import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'delete_product',
  title: 'Delete product',
  description: 'Marks a product as deleted. After 30 days, the product is permanently deleted.',
  resource: 'products',
  method: 'DELETE',
  path: '/products/{id}',
  scopes: ['products:full'],
  tokenCost: 3,
  params: { id: productId() },
  output: deleted('The ID of the deleted product'),
  sample: { id: 1 },
});
