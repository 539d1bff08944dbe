import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { productImage, productImageFile, recordId, SAMPLE_PNG } from '../../schemas/files.js';

export default defineOperation({
  name: 'update_product_image',
  title: 'Update product image',
  description: "Replaces a product's image with a new one. The image goes as multipart/form-data.",
  resource: 'files',
  method: 'PUT',
  path: '/products/{id}/images',
  scopes: ['products:full'],
  tokenCost: 20,
  params: { id: recordId('product') },
  files: { data: productImageFile() },
  output: single(productImage),
  sample: { id: 1, data: SAMPLE_PNG },
});
