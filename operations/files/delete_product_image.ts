import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'delete_product_image',
  title: 'Delete product image',
  description: "Removes a product's image; the product stays.",
  resource: 'files',
  method: 'DELETE',
  path: '/products/{id}/images',
  scopes: ['products:full'],
  tokenCost: 6,
  params: { id: recordId('product') },
  output: deleted('The ID of the deleted product image'),
  sample: { id: 1 },
});
