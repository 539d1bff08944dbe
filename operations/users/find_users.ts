import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, optional } from '../../schemas/common.js';
import { numberFlag, plainList } from '../../schemas/reference.js';
import { user } from '../../schemas/users.js';

export default defineOperation({
  name: 'find_users',
  title: 'Find users',
  description: 'Finds users by name, or by email address with `search_by_email`.',
  resource: 'users',
  method: 'GET',
  path: '/users/find',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 40,
  query: {
    term: describe(z.string().min(1), 'The search term'),
    ...optional({
      search_by_email: numberFlag('Match the term against email addresses only (default 0: names)', {
        0: 'Names',
        1: 'Email addresses only',
      }),
    }),
  },
  output: plainList(user),
  sample: { term: 'Mari' },
});
