import { z } from 'zod';
import connector from '../../index.js';
import { errors } from '../openapi.js';
import type { App } from './deps.js';

const manifest = z
  .looseObject({
    name: z.string().meta({ description: 'Connector name.' }),
    version: z.string().meta({ description: 'Connector version.' }),
    auth: z.unknown().meta({ description: 'API token and OAuth 2.0, with fields, URLs and scopes.' }),
    operations: z.array(z.unknown()).meta({ description: 'Operations, with input and output JSON Schemas.' }),
    lookups: z.array(z.unknown()).optional().meta({ description: 'Dropdown lookups.' }),
    triggers: z.array(z.unknown()).optional().meta({ description: 'Triggers.' }),
  })
  .meta({ description: 'The manifest.' });

/** `GET /health` (public: no data) and `GET /manifest`. */
export function registerHostRoutes(app: App): void {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'health',
        summary: 'Liveness',
        description: 'Answers while the host is up (and 503 while it shuts down). Needs no key.',
        tags: ['host'],
        response: {
          200: z
            .object({ status: z.literal('ok').meta({ description: 'Always `ok`.' }) })
            .meta({ description: 'Up.' }),
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/manifest',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getManifest',
        summary: 'The connector manifest',
        description:
          'The same object as `connector.manifest.json`: auth methods, operations (input and output JSON Schemas, samples), lookups and triggers.',
        tags: ['host'],
        response: { 200: manifest, ...errors([]) },
      },
    },
    async () => connector.manifest as unknown as z.infer<typeof manifest>,
  );
}
