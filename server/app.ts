import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import connector from '../index.js';
import type { Auth, CallContext, Logger } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { send } from '../runtime/transport.js';
import { validateInput } from '../runtime/validate.js';
import type { Config } from './config.js';
import { Dispatcher, type DispatcherOptions, HttpSink, LocalSink, type RunSink } from './dispatch.js';
import { errorHandler } from './errors.js';
import { Inbox } from './inbox.js';
import { loggerOptions } from './logging.js';
import type { Connection, ConnectionWithSecret, PipedriveUser, Store } from './store/types.js';
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

const newConnection = z.strictObject({
  type: z.literal('api_token'),
  api_token: z.string().min(1).max(200),
  api_url: z.url().optional(),
});

const operationCall = z.strictObject({
  connection_id: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});

/** API hosts a connection may point at: the configured one and companies' own pipedrive.com domains. */
function allowedApiUrl(url: string, config: Config): boolean {
  if (url.replace(/\/+$/, '') === config.apiUrl) return true;
  const parsed = new URL(url);
  return (
    parsed.protocol === 'https:' &&
    /^[a-z0-9-]+\.pipedrive\.com$/i.test(parsed.hostname) &&
    parsed.pathname === '/'
  );
}

/** The call context of a stored connection. */
export function contextFor(connection: ConnectionWithSecret, logger: Logger): CallContext {
  return { auth: authFor(connection), logger };
}

export function authFor(connection: ConnectionWithSecret): Auth {
  if (connection.type === 'api_token' && 'api_token' in connection.secret) {
    return { type: 'api_token', apiToken: connection.secret.api_token, apiUrl: connection.api_url };
  }
  if (connection.type === 'oauth2' && 'access_token' in connection.secret) {
    const { access_token, refresh_token, expires_at } = connection.secret;
    return {
      type: 'oauth2',
      accessToken: access_token,
      apiDomain: connection.api_url,
      ...(refresh_token ? { refreshToken: refresh_token } : {}),
      ...(expires_at ? { expiresAt: expires_at } : {}),
    };
  }
  throw new ConnectorError('internal_error', `Connection ${connection.id} has no usable credentials.`);
}

/** The connection's public face: never its secret. */
function publicConnection(connection: Connection): Connection {
  const { id, type, user, api_url, status, created_at, updated_at } = connection;
  return { id, type, user, api_url, status, created_at, updated_at };
}

async function whoAmI(auth: Auth, ctx: Omit<CallContext, 'auth'>): Promise<PipedriveUser> {
  const response = await send({ method: 'GET', api: 'v1', path: '/users/me' }, { ...ctx, auth });
  const data = (response.body as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data || typeof data.id !== 'number') {
    throw new ConnectorError('upstream_error', 'Pipedrive did not return the current user for /v1/users/me.');
  }
  const pick = <T>(key: string) => (data[key] ?? undefined) as T | undefined;
  return Object.fromEntries(
    Object.entries({
      id: data.id,
      name: pick<string>('name'),
      email: pick<string>('email'),
      company_id: pick<number>('company_id'),
      company_name: pick<string>('company_name'),
      company_domain: pick<string>('company_domain'),
    }).filter(([, v]) => v !== undefined),
  ) as unknown as PipedriveUser;
}

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

  const loadConnection = async (id: string): Promise<ConnectionWithSecret> => {
    const connection = await store.getConnection(id);
    if (!connection)
      throw new ConnectorError('not_found', `Connection ${id} not found.`, { connection_id: id });
    return connection;
  };

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/manifest', async () => connector.manifest);

  app.post('/connections', async (request, reply) => {
    const body = validateInput(newConnection, request.body, 'POST /connections');
    const apiUrl = (body.api_url ?? config.apiUrl).replace(/\/+$/, '');
    if (!allowedApiUrl(apiUrl, config)) {
      throw new ConnectorError(
        'invalid_input',
        'api_url must be the configured PIPEDRIVE_API_URL or https://<company>.pipedrive.com.',
        { issues: [{ path: 'api_url', message: 'is not a Pipedrive API host' }] },
      );
    }
    const auth: Auth = { type: 'api_token', apiToken: body.api_token, apiUrl };
    const user = await whoAmI(auth, { logger: request.log });
    const connection = await store.createConnection({
      type: 'api_token',
      user,
      api_url: apiUrl,
      secret: { api_token: body.api_token },
    });
    request.log.info({ connection_id: connection.id, user_id: user.id }, 'connection created');
    return reply.code(201).send(publicConnection(connection));
  });

  app.get('/connections', async () => ({
    connections: (await store.listConnections()).map(publicConnection),
  }));

  app.get<{ Params: { id: string } }>('/connections/:id', async (request) =>
    publicConnection(await loadConnection(request.params.id)),
  );

  app.delete<{ Params: { id: string } }>('/connections/:id', async (request, reply) => {
    await loadConnection(request.params.id);
    const subscriptions = await store.listSubscriptions({ connection_id: request.params.id });
    if (subscriptions.length > 0) {
      throw new ConnectorError(
        'conflict',
        `Connection ${request.params.id} still has ${subscriptions.length} trigger subscription(s); delete them first (DELETE /subscriptions/:id).`,
        { subscriptions: subscriptions.map((s) => s.id) },
      );
    }
    await store.deleteConnection(request.params.id);
    return reply.code(204).send();
  });

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

  registerTriggerRoutes(app, { config, store, inbox, dispatcher, loadConnection, contextFor });

  return app;
}
