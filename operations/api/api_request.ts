import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { rawInput } from '../../runtime/raw.js';

export default defineOperation({
  name: 'api_request',
  title: 'API request',
  description:
    "Calls any Pipedrive API endpoint with the connection's credentials: a method, a path below `/api/v2/` or `/v1/`, query parameters and a JSON body. The answer is Pipedrive's JSON as is. Absolute URLs, other hosts, `..` segments and the OAuth server are refused.",
  resource: 'api',
  method: 'GET',
  path: '/',
  raw: true,
  scopes: ['base'],
  tokenCost: 'endpoint',
  query: rawInput,
  output: z.unknown().meta({ description: "Pipedrive's JSON answer, as is" }),
  sample: { method: 'GET', path: '/v1/users/me' },
});
