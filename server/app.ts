import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import connector from '../index.js';
import type { Logger } from '../runtime/context.js';
import { validateInput } from '../runtime/validate.js';
import type { Config } from './config.js';
import { Connections } from './connections.js';
import { Dispatcher, type DispatcherOptions, HttpSink, LocalSink, type RunSink } from './dispatch.js';
import { errorHandler } from './errors.js';
import { Inbox } from './inbox.js';
import { loggerOptions } from './logging.js';
import { registerLookupRoutes } from './lookups.js';
import type { ConnectionWithSecret, Store } from './store/types.js';
import { registerTriggerRoutes } from './triggers.js';

declare module 'fastify' {
  interface FastifyInstance {
    host: { dispatcher: Dispatcher; sink: RunSink; inbox: Inbox };
  }
}

export interface AppOptions {
  config: Config;
  store: Store;
  /** Where runs go; by default HTTP to ENGINE_URL when set, else recorded and handed to in-process listeners. */
  sink?: RunSink;
  dispatcher?: DispatcherOptions;
  /** Where the log goes (default stdout); tests pass a stream to read it. */
  logStream?: NodeJS.WritableStream;
}

const operationCall = z.strictObject({
  connection_id: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    bodyLimit: 1024 * 1024,
  });
  app.setErrorHandler(errorHandler);

  const sink =
    options.sink ?? (config.engineUrl ? new HttpSink(config.engineUrl, config.engineToken) : new LocalSink());
  const dispatcher = new Dispatcher(store, sink, app.log, options.dispatcher);
  const inbox = new Inbox(store, () => dispatcher.wake());
  app.decorate('host', { dispatcher, sink, inbox });
  app.addHook('onReady', async () => dispatcher.start());
  app.addHook('preClose', async () => dispatcher.stop());
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: {},
      },
    }),
  );

  const connections = new Connections(config, store, app.log);
  const loadConnection = (id: string) => connections.load(id);
  const contextFor = (connection: ConnectionWithSecret, logger: Logger) =>
    connections.context(connection, logger);

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/manifest', async () => connector.manifest);

  await connections.register(app);

  /** The operation's schemas, extended with the account's custom fields when a connection is given. */
  app.get<{ Params: { name: string }; Querystring: { connection_id?: string } }>(
    '/operations/:name/schema',
    async (request) => {
      const { operation } = connector.registry.resolve(request.params.name);
      if (!request.query.connection_id) {
        const entry = connector.manifest.operations.find((op) => op.name === operation.name);
        return { input_schema: entry?.input_schema, output_schema: entry?.output_schema };
      }
      const connection = await loadConnection(request.query.connection_id);
      return connector.describe(operation.name, contextFor(connection, request.log));
    },
  );

  app.post<{ Params: { name: string } }>('/operations/:name', async (request) => {
    const body = validateInput(operationCall, request.body, `POST /operations/${request.params.name}`);
    // Resolve the name first: an unknown operation is reported before anything else.
    connector.registry.resolve(request.params.name);
    const connection = await loadConnection(body.connection_id);
    const output = await connector.execute(
      request.params.name,
      body.input ?? {},
      contextFor(connection, request.log),
    );
    return { output };
  });

  registerLookupRoutes(app, { loadConnection, contextFor });
  registerTriggerRoutes(app, { config, store, inbox, dispatcher, loadConnection, contextFor });

  return app;
}
