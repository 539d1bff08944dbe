import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { product, productBody, productName } from '../../schemas/products.js';

export default defineOperation({
  name: 'add_product',
  title: 'Add product',
  description:
    'Adds a new product to the products catalog. Only `name` is required; give one price per currency in `prices`.',
  resource: 'products',
  method: 'POST',
  path: '/products',
  scopes: ['products:full'],
  tokenCost: 5,
  customFields: { entity: 'product' },
  body: { ...productBody, name: productName },
  output: single(product),
  sample: {
    name: 'Onboarding workshop',
    code: 'ONB-WS',
    unit: 'session',
    tax: 20,
    prices: [{ currency: 'EUR', price: 1500, cost: 600 }],
  },
});
