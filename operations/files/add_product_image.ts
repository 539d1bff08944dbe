import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { productImage, productImageFile, recordId, SAMPLE_PNG } from '../../schemas/files.js';

export default defineOperation({
  name: 'add_product_image',
  title: 'Add product image',
  description:
    'Uploads the image of a product that has none (use update_product_image to replace one). The image goes as multipart/form-data.',
  resource: 'files',
  method: 'POST',
  path: '/products/{id}/images',
  scopes: ['products:full'],
  tokenCost: 20,
  params: { id: recordId('product') },
  files: { data: productImageFile() },
  output: single(productImage),
  sample: { id: 1, data: SAMPLE_PNG },
});
