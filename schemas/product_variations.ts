import { z } from 'zod';
import { describe, id, optional, record } from './common.js';
import { priceInput, priceOutputShape, productId } from './products.js';

/** Path parameters of the endpoints on one variation. */
export const variationParams = {
  id: productId(),
  product_variation_id: id('The ID of the product variation', 'Product variation'),
};

export const variationName = describe(
  z.string().min(1).max(255),
  'The name of the product variation (at most 255 characters)',
);

/** Body of add_product_variation (which makes `name` required) and update_product_variation. */
export const variationBody = optional({
  name: variationName,
  prices: describe(
    z.array(priceInput),
    'The prices of the variation, at most one per currency. When omitted, a price, cost and direct cost of 0 in the default currency of the user are set.',
  ),
});

/** A product variation as Pipedrive returns it. */
export const productVariation = record({
  id: describe(z.int(), 'The ID of the product variation'),
  name: describe(z.string(), 'The name of the product variation'),
  product_id: describe(z.int(), 'The ID of the product'),
  prices: describe(
    z.array(
      record({
        product_variation_id: describe(z.int(), 'The ID of the product variation'),
        ...priceOutputShape,
      }),
    ),
    'The prices of the variation, one per currency',
  ),
});
