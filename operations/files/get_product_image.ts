import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { productImage, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_product_image',
  title: 'Get product image',
  description:
    "Returns a product's image: its name, content type and a public URL that works for 7 days (fetch it again for a fresh one).",
  resource: 'files',
  method: 'GET',
  path: '/products/{id}/images',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  params: { id: recordId('product') },
  output: single(productImage),
  sample: { id: 1 },
});
