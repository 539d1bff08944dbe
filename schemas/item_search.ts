import { z } from 'zod';
import { describe, hit, record, searchItem, searchResult } from './common.js';

/** The searchable item types of /itemSearch (and, without files and attachments, of /itemSearch/field). */
export const itemTypes = {
  deal: 'Deal',
  person: 'Person',
  organization: 'Organization',
  product: 'Product',
  lead: 'Lead',
  file: 'File',
  mail_attachment: 'Mail attachment',
  project: 'Project',
} as const;

const itemId = describe(
  z.union([z.int(), z.string()]),
  'The ID of the item (a UUID string for leads, an integer otherwise)',
);

/**
 * A found item of any type. Its fields depend on `type` (deal, person, organization, product, lead, file,
 * mail_attachment, project); the common ones are listed, the others pass through.
 */
export const foundItem = searchItem(
  'item',
  {
    title: describe(z.string(), 'The title of the item (deals, leads, projects)'),
    name: describe(z.string(), 'The name of the item (persons, organizations, products, files)'),
  },
  itemId,
);

/** GET /itemSearch: hits in `data.items`, related deals, leads and persons in `data.related_items`. */
export const itemSearchResult = searchResult(foundItem, {
  related_items: describe(
    z.array(hit(foundItem)),
    'Deals, leads and persons related to the found persons and organizations (with `search_for_related_items`)',
  ),
});

/**
 * One result of GET /itemSearch/field. The SDK models it as `{ result_score, item }`; the documented example
 * (and the v1 endpoint) return the matching records flat, `{ id, <field key>: value }`. Both are accepted.
 */
export const fieldSearchHit = record({
  result_score: describe(z.number(), 'How well the record matches the search term'),
  item: describe(record({ id: itemId }), 'The found item'),
  id: itemId,
});
