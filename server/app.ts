import Fastify, { type FastifyInstance } from 'fastify';
import connector from '../index.js';
import type { Logger } from '../runtime/context.js';
import type { Config } from './config.js';
import { Connections } from './connections.js';
import {
  type DispatcherOptions,
  HttpSink,
  LocalSink,
  PollingDispatcher,
  type RunDispatcher,
  type RunSink,
} from './dispatch.js';
import { errorHandler } from './errors.js';
import { Inbox } from './inbox.js';
import { loggerOptions } from './logging.js';
import { registerLookupRoutes } from './lookups.js';
import { registerOpenApi } from './openapi.js';
import { registerOperationRoutes } from './operations.js';
import { registerPlaygroundRoutes } from './playground.js';
import type { ConnectionWithSecret, Store } from './store/types.js';
import { registerTriggerRoutes } from './triggers.js';

declare module 'fastify' {
  interface FastifyInstance {
    host: { dispatcher: RunDispatcher; sink: RunSink; inbox: Inbox };
  }
}

export interface AppOptions {
  config: Config;
  store: Store;
  /** Where runs go; by default HTTP to ENGINE_URL when set, else recorded and handed to in-process listeners. */
  sink?: RunSink;
  /** Options of the default (polling, single-host) dispatcher. */
  dispatcher?: DispatcherOptions;
  /** Another dispatcher, e.g. the pg-boss job queue for several hosts on PostgreSQL. */
  makeDispatcher?: (sink: RunSink, logger: Logger) => RunDispatcher;
  /** Where the log goes (default stdout); tests pass a stream to read it. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    bodyLimit: 1024 * 1024,
    // A client that trickles its headers or body in (slowloris) is cut off after REQUEST_TIMEOUT_MS with 408;
    // Node checks every second (its default, 30 s, would let the bound be overrun by up to half a minute).
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
    },
  });
  app.setErrorHandler(errorHandler);

  const sink =
    options.sink ?? (config.engineUrl ? new HttpSink(config.engineUrl, config.engineToken) : new LocalSink());
  const dispatcher =
    options.makeDispatcher?.(sink, app.log) ??
    new PollingDispatcher(store, sink, app.log, options.dispatcher);
  const inbox = new Inbox(store, () => dispatcher.wake());
  app.decorate('host', { dispatcher, sink, inbox });
  app.addHook('onReady', async () => dispatcher.start());
  // After the server has stopped and in-flight requests finished: no delivery is left without its run job.
  app.addHook('onClose', async () => dispatcher.stop());
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

  // First: the document collects the routes as they are added (server/openapi.ts documents them).
  await registerOpenApi(app, config);

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/manifest', async () => connector.manifest);

  await connections.register(app);

  registerOperationRoutes(app, { loadConnection, contextFor });
  registerLookupRoutes(app, { loadConnection, contextFor });
  registerTriggerRoutes(app, { config, store, inbox, dispatcher, loadConnection, contextFor });
  registerPlaygroundRoutes(app);

  return app;
}
