import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, LogController, type RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectDuringTransfers } from '../runtime/collect.js';
import type { Logger } from '../runtime/context.js';
import { accessPlugin } from './access.js';
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
import { registerGuards } from './guards.js';
import {
  clientErrorHandler,
  errorHandler,
  frameworkErrors,
  registerJsonParser,
  serializerCompiler,
  validatorCompiler,
} from './http.js';
import { Inbox } from './inbox.js';
import { loggerOptions, registerRequestLog } from './logging.js';
import { DOCS_PREFIX, registerOpenApi } from './openapi.js';
import { registerPlaygroundRoutes } from './playground.js';
import { Poller, type PollerOptions } from './poller.js';
import { RetentionJob } from './retention.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerConnectionRoutes } from './routes/connections.js';
import type { App, HostDeps } from './routes/deps.js';
import { registerHostRoutes } from './routes/host.js';
import { registerMcpRoutes } from './routes/mcp.js';
import { registerOperationRoutes } from './routes/operations.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import type { SecretBox } from './secrets.js';
import { registerSignInRoute, SignInCodes } from './signin.js';
import { limitSockets } from './sockets.js';
import type { Store } from './store/types.js';
import { Subscriptions } from './subscriptions.js';

declare module 'fastify' {
  interface FastifyInstance {
    host: {
      dispatcher: RunDispatcher;
      sink: RunSink;
      inbox: Inbox;
      retention: RetentionJob;
      /** Polling subscriptions (server/poller.ts). */
      poller: Poller;
      /** The first start's sign-in links (server/signin.ts). */
      signIn: SignInCodes;
    };
  }
}

export interface AppOptions {
  config: Config;
  store: Store;
  /** The box that seals the store's secrets; the OAuth flow's cookies are signed with a key derived from it. */
  secrets: SecretBox;
  /** Where runs go; by default HTTP to ENGINE_URL when set, else in-process listeners. */
  sink?: RunSink;
  /** Options of the default (polling, single-host) dispatcher. */
  dispatcher?: DispatcherOptions;
  /** Another dispatcher, e.g. the pg-boss job queue for several hosts on PostgreSQL. */
  makeDispatcher?: (sink: RunSink, logger: Logger) => RunDispatcher;
  /** The poller's tick and concurrency (tests); its lease is POLL_LEASE_SECONDS. */
  poller?: Omit<PollerOptions, 'leaseMs'>;
  /** Where the log goes (default stdout); tests pass a stream to read it. */
  logStream?: NodeJS.WritableStream;
  /** Told of each route as it is registered, before any plugin runs (tests list the routes this way). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * The reference host: fastify with zod schemas on every route (validation, answers, OpenAPI), an access
 * declaration on every route (server/access.ts), the browser guards (server/guards.ts), and the route modules of
 * server/routes/. Nothing listens yet: `main.ts` (or a test) calls `listen`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  // A host moves files for its clients: their bytes pace V8's minor collections (runtime/collect.ts).
  collectDuringTransfers();
  const app: App = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // One line per request (registerRequestLog), not fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // A client that sends nothing, or trickles its headers or body in (slowloris), is cut off after
    // REQUEST_TIMEOUT_MS with 408 (headersTimeout counts from the connection's start); Node checks every second
    // (its default, 30 s, would let the bound be overrun by up to half a minute). See server/sockets.ts.
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
    },
    clientErrorHandler,
    frameworkErrors,
    // Behind a proxy (TRUST_PROXY) the client's address is X-Forwarded-For's: the limit of failed key checks is
    // per client, not per proxy.
    trustProxy: config.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.server.maxConnections = config.maxConnections;
  // A cap per address (server/sockets.ts).
  const sockets = limitSockets(app.server, config.maxConnectionsPerAddress, app.log);
  // A connection that has sent no request has nothing in flight: it does not hold the shutdown.
  app.addHook('preClose', async () => sockets.closeSilent());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`,
        details: {},
      },
    }),
  );
  registerJsonParser(app);
  // Uploads (POST /operations/:name of an operation with a file field): read part by part, the file streamed on.
  // The file's limit is one byte over MAX_FILE_BYTES, so that the runtime's count (the one error) trips first.
  await app.register(multipart, {
    limits: {
      fileSize: config.maxFileBytes + 1,
      files: 1,
      fields: 2,
      parts: 3,
      fieldSize: 1024 * 1024,
      headerPairs: 100,
    },
    throwFileSizeLimit: false,
  });

  const sink =
    options.sink ?? (config.engineUrl ? new HttpSink(config.engineUrl, config.engineToken) : new LocalSink());
  const dispatcher =
    options.makeDispatcher?.(sink, app.log) ??
    new PollingDispatcher(store, sink, app.log, options.dispatcher);
  const inbox = new Inbox(store, () => dispatcher.wake());
  const retention = new RetentionJob(
    store,
    { days: config.retentionDays, auditDays: config.auditRetentionDays },
    app.log,
  );
  const signIn = new SignInCodes();
  const connections = new Connections(config, store, app.log);
  const poller = new Poller(store, connections, app.log, () => dispatcher.wake(), {
    leaseMs: config.pollLeaseSeconds * 1000,
    ...options.poller,
  });
  app.decorate('host', { dispatcher, sink, inbox, retention, poller, signIn });
  app.addHook('onReady', async () => {
    await dispatcher.start();
    retention.start();
    poller.start();
  });
  // After the server has stopped and in-flight requests finished: no delivery is left without its run job.
  app.addHook('onClose', async () => {
    signIn.clear();
    await poller.stop();
    await retention.stop();
    await dispatcher.stop();
  });

  await app.register(cookie, { secret: options.secrets.derive('cookies').toString('hex') });
  await app.register(rateLimit, { global: false });
  await app.register(accessPlugin, {
    store,
    docsPrefix: DOCS_PREFIX,
    failuresPerMinute: config.authFailuresPerMinute,
    keyRequestsPerMinute: config.keyRequestsPerMinute,
    workspaceRequestsPerMinute: config.workspaceRequestsPerMinute,
  });
  await registerGuards(app, config);
  registerRequestLog(app);
  // Before the routes: the document collects them as they are added.
  await registerOpenApi(app, config);

  // The token usage of the last calls is written before the store closes.
  app.addHook('onClose', () => connections.usage.flushed());
  const deps: HostDeps = {
    config,
    store,
    connections,
    inbox,
    dispatcher,
    subscriptions: new Subscriptions(config, store, connections),
  };
  registerHostRoutes(app);
  await registerConnectionRoutes(app, deps);
  registerOperationRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerRunRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerMcpRoutes(app, deps);
  registerPlaygroundRoutes(app);
  registerSignInRoute(app, signIn);

  return app as unknown as FastifyInstance;
}
