import { defineOperation } from '../../runtime/define.js';
import {
  dealProductParams,
  dealProductsBulkDelete,
  deletedDealProducts,
} from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'delete_many_deal_products',
  title: 'Delete many deal products',
  description:
    'Removes products from a deal: the deal-products given in `ids` (up to 100), or without `ids` the first 100 of the deal. `more_items_in_collection` says whether products remain.',
  resource: 'deal_products',
  method: 'DELETE',
  path: '/deals/{id}/products',
  scopes: ['products:full', 'deals:full'],
  tokenCost: 15,
  params: { id: dealProductParams.id },
  query: dealProductsBulkDelete,
  output: deletedDealProducts,
  sample: { id: 1, ids: [1, 2] },
});
