import { z } from 'zod';
import { describe, ref, searchItem } from './common.js';

/** The `item` of a lead search hit. */
export const leadSearchItem = searchItem(
  'lead',
  {
    title: describe(z.string(), 'The title of the lead'),
    person: ref('person'),
    organization: ref('organization'),
    phones: describe(z.array(z.string()), 'Phone numbers of the linked person'),
    emails: describe(z.array(z.string()), 'Email addresses of the linked person'),
    value: describe(z.number(), 'The value of the lead'),
    currency: describe(z.string(), 'The currency of the lead value'),
    is_archived: describe(z.boolean(), 'Whether the lead is archived or not'),
    was_seen: describe(z.boolean(), 'Whether the lead was seen (with `include_fields=lead.was_seen`)'),
  },
  z.string(),
);
