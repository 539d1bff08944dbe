import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerOAuthRoutes } from '../auth/fastify-oauth.js';
import { PipedriveOAuth, type TokenSet } from '../auth/oauth2.js';
import type { Auth, CallContext, Logger } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { send } from '../runtime/transport.js';
import { validateInput } from '../runtime/validate.js';
import type { Config } from './config.js';
import { OAuthConnections, reauthorizationRequired, toSecret } from './oauth.js';
import type { Connection, ConnectionWithSecret, PipedriveUser, Store } from './store/types.js';

export const newConnection = z.strictObject({
  type: z.literal('api_token'),
  api_token: z.string().min(1).max(200),
  api_url: z.url().optional(),
});

/** Pipedrive's OAuth server: a token must never be sent there (runtime/raw.ts refuses it as a path too). */
const OAUTH_HOST = 'oauth.pipedrive.com';

/**
 * The API base a token connection may use, in its canonical form: the configured PIPEDRIVE_API_URL, or a
 * company's own `https://<company>.pipedrive.com` (no port, credentials, path, query or fragment, not the OAuth
 * server). Undefined for anything else, so that the host cannot be made to send a token to another host.
 */
function allowedApiUrl(url: string, config: Config): string | undefined {
  if (url.replace(/\/+$/, '') === config.apiUrl) return config.apiUrl;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const plain =
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/' &&
    parsed.search === '' &&
    parsed.hash === '';
  const company = /^[a-z0-9-]+\.pipedrive\.com$/.test(parsed.hostname) && parsed.hostname !== OAUTH_HOST;
  return plain && company ? parsed.origin : undefined;
}

/** The connection's public face: never its secret. */
export function publicConnection(connection: Connection): Connection {
  const { id, type, user, api_url, status, created_at, updated_at } = connection;
  return { id, type, user, api_url, status, created_at, updated_at };
}

/** The user behind the credentials (`GET /v1/users/me`): proves they work, names the connection. */
async function whoAmI(auth: Auth, logger: Logger): Promise<PipedriveUser> {
  const response = await send({ method: 'GET', api: 'v1', path: '/users/me' }, { auth, logger });
  const data = (response.body as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data || typeof data.id !== 'number') {
    throw new ConnectorError('upstream_error', 'Pipedrive did not return the current user for /v1/users/me.');
  }
  const user: PipedriveUser = { id: data.id };
  for (const key of ['name', 'email', 'company_id', 'company_name', 'company_domain'] as const) {
    if (data[key] !== undefined && data[key] !== null) Object.assign(user, { [key]: data[key] });
  }
  return user;
}

/** Stored connections: loading them, the call context of each, and their HTTP API. */
export class Connections {
  readonly oauth: PipedriveOAuth | undefined;
  readonly tokens: OAuthConnections;

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    logger: Logger,
  ) {
    this.oauth =
      config.clientId && config.clientSecret
        ? new PipedriveOAuth({
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            oauthUrl: config.oauthUrl,
          })
        : undefined;
    this.tokens = new OAuthConnections(store, this.oauth, logger);
  }

  /** A connection that can be used: it exists and, for OAuth, needs no reauthorization. */
  async load(id: string): Promise<ConnectionWithSecret> {
    const connection = await this.store.getConnection(id);
    if (!connection)
      throw new ConnectorError('not_found', `Connection ${id} not found.`, { connection_id: id });
    if (connection.status === 'reauthorization_required') throw reauthorizationRequired(id);
    return connection;
  }

  auth(connection: ConnectionWithSecret): Auth {
    if (connection.type === 'api_token' && 'api_token' in connection.secret) {
      return { type: 'api_token', apiToken: connection.secret.api_token, apiUrl: connection.api_url };
    }
    if (connection.type === 'oauth2' && 'access_token' in connection.secret)
      return this.tokens.auth(connection);
    throw new ConnectorError('internal_error', `Connection ${connection.id} has no usable credentials.`);
  }

  /** The call context of a stored connection. */
  context(connection: ConnectionWithSecret, logger: Logger): CallContext {
    return { auth: this.auth(connection), logger, cacheKey: connection.id };
  }

  private async createOAuthConnection(tokens: TokenSet, logger: Logger): Promise<Connection> {
    const user = await whoAmI({ type: 'oauth2', ...tokens }, logger);
    const connection = await this.store.createConnection({
      type: 'oauth2',
      user,
      api_url: tokens.apiDomain,
      secret: toSecret(tokens),
    });
    logger.info({ connection_id: connection.id, user_id: user.id }, 'OAuth connection created');
    return connection;
  }

  async register(app: FastifyInstance): Promise<void> {
    const { config, store } = this;

    app.post('/connections', async (request, reply) => {
      const body = validateInput(newConnection, request.body, 'POST /connections');
      const apiUrl = allowedApiUrl(body.api_url ?? config.apiUrl, config);
      if (!apiUrl) {
        throw new ConnectorError(
          'invalid_input',
          'api_url must be the configured PIPEDRIVE_API_URL or https://<company>.pipedrive.com.',
          { issues: [{ path: 'api_url', message: 'is not a Pipedrive API host' }] },
        );
      }
      const user = await whoAmI({ type: 'api_token', apiToken: body.api_token, apiUrl }, request.log);
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

    app.get<{ Params: { id: string } }>('/connections/:id', async (request) => {
      const connection = await store.getConnection(request.params.id);
      if (!connection) throw new ConnectorError('not_found', `Connection ${request.params.id} not found.`);
      return publicConnection(connection);
    });

    app.delete<{ Params: { id: string } }>('/connections/:id', async (request, reply) => {
      const connection = await store.getConnection(request.params.id);
      if (!connection) throw new ConnectorError('not_found', `Connection ${request.params.id} not found.`);
      const subscriptions = await store.listSubscriptions({ connection_id: connection.id });
      if (subscriptions.length > 0) {
        throw new ConnectorError(
          'conflict',
          `Connection ${connection.id} still has ${subscriptions.length} trigger subscription(s); delete them first (DELETE /subscriptions/:id).`,
          { subscriptions: subscriptions.map((s) => s.id) },
        );
      }
      if (connection.type === 'oauth2') {
        try {
          await this.tokens.revoke(connection);
        } catch (error) {
          // The local copy goes anyway: keeping credentials the user asked to remove is worse.
          request.log.warn(
            { connection_id: connection.id, code: (error as ConnectorError).code },
            'could not revoke the OAuth tokens at Pipedrive; deleting them here anyway',
          );
        }
      }
      await store.deleteConnection(connection.id);
      return reply.code(204).send();
    });

    if (config.clientId && config.clientSecret) {
      await registerOAuthRoutes(app, {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        oauthUrl: config.oauthUrl,
        callbackUrl: `${config.publicUrl}/oauth/callback`,
        onConnected: async (tokens, request, reply) => {
          const connection = await this.createOAuthConnection(tokens, request.log);
          if (config.oauthSuccessUrl) {
            const target = new URL(config.oauthSuccessUrl);
            target.searchParams.set('connection_id', connection.id);
            return reply.redirect(target.toString());
          }
          return reply.code(201).send(publicConnection(connection));
        },
      });
    } else {
      const notConfigured = async () => {
        throw new ConnectorError(
          'not_found',
          'OAuth is not configured on this host: set PIPEDRIVE_CLIENT_ID and PIPEDRIVE_CLIENT_SECRET (see docs/auth.md), or connect with an API token (POST /connections).',
        );
      };
      app.get('/oauth/start', notConfigured);
      app.get('/oauth/callback', notConfigured);
    }
  }
}
