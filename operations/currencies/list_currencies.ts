import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, optional } from '../../schemas/common.js';
import { currency, plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_currencies',
  title: 'List currencies',
  description:
    'Returns the currencies of the company, to use as codes for monetary values; optionally only those whose name or code matches a term.',
  resource: 'currencies',
  method: 'GET',
  path: '/currencies',
  api: 'v1',
  scopes: ['base'],
  tokenCost: 20,
  query: optional({
    term: describe(z.string().min(1), "A search term matched against the currencies' names and codes"),
  }),
  output: plainList(currency),
  sample: { term: 'EUR' },
});
