import { createHash, timingSafeEqual } from 'node:crypto';
import { PipedriveOAuth, type TokenSet } from '../auth/oauth2.js';
import { allowedApiBase } from '../runtime/api-domain.js';
import type { Auth, CallContext, KeyCoordinator, Logger } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { send } from '../runtime/transport.js';
import type { Config } from './config.js';
import { OAuthConnections, reauthorizationRequired, toSecret } from './oauth.js';
import type {
  Connection,
  ConnectionWithSecret,
  PipedriveUser,
  Store,
  WorkspaceStore,
} from './store/types.js';
import { HostUsage, storeCoordinator } from './usage.js';

/** Two secrets compared in constant time (their digests, so that lengths do not show either). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
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

/**
 * `ctx.auth` of a stored connection: its API token, or its OAuth tokens. With `tokens` (the host) an OAuth auth
 * refreshes through them, and the refreshed tokens are stored; without (a reader such as the CLI, which may not
 * store them) it carries the access token only, and nothing refreshes it.
 */
export function connectionAuth(connection: ConnectionWithSecret, tokens?: OAuthConnections): Auth {
  const { secret } = connection;
  if (connection.type === 'api_token' && 'api_token' in secret) {
    return { type: 'api_token', apiToken: secret.api_token, apiUrl: connection.api_url };
  }
  if (connection.type === 'oauth2' && 'access_token' in secret) {
    if (tokens) return tokens.auth(connection);
    return {
      type: 'oauth2',
      accessToken: secret.access_token,
      apiDomain: connection.api_url,
      ...(secret.expires_at !== undefined ? { expiresAt: secret.expires_at } : {}),
    };
  }
  throw new ConnectorError('internal_error', `Connection ${connection.id} has no usable credentials.`);
}

/**
 * Stored connections as the routes use them: created in a workspace (the credentials checked with Pipedrive
 * first), loaded from one, and turned into the call context of the plugin API (OAuth connections get a
 * single-flight refresh bound to them).
 */
export class Connections {
  readonly oauth: PipedriveOAuth | undefined;
  readonly tokens: OAuthConnections;
  /** The day's token usage of each connection and company (issue 25). */
  readonly usage: HostUsage;
  private readonly coordinator: KeyCoordinator;

  constructor(
    private readonly config: Config,
    store: Store,
    logger: Logger,
  ) {
    this.usage = new HostUsage(store, logger);
    this.coordinator = storeCoordinator(store);
    this.oauth =
      config.clientId && config.clientSecret
        ? new PipedriveOAuth({
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            oauthUrl: config.oauthUrl,
            apiUrl: config.apiUrl,
          })
        : undefined;
    this.tokens = new OAuthConnections(store, this.oauth, logger);
  }

  /** A connection of the workspace that can be used: it exists there and, for OAuth, needs no reauthorization. */
  async load(workspace: WorkspaceStore, id: string): Promise<ConnectionWithSecret> {
    const connection = await workspace.getConnection(id);
    if (!connection)
      throw new ConnectorError('not_found', `Connection ${id} not found.`, { connection_id: id });
    if (connection.status === 'reauthorization_required') throw reauthorizationRequired(id);
    return connection;
  }

  auth(connection: ConnectionWithSecret): Auth {
    return connectionAuth(connection, this.tokens);
  }

  /**
   * The call context of a stored connection: its usage counted in the store, and find-or-create and upsert
   * coordinated through the store's lock (across hosts on PostgreSQL).
   */
  context(connection: ConnectionWithSecret, logger: Logger): CallContext {
    return {
      auth: this.auth(connection),
      logger,
      cacheKey: connection.id,
      onUsage: this.usage.recorder(connection),
      coordinator: this.coordinator,
      maxFileBytes: this.config.maxFileBytes,
    };
  }

  /**
   * The API base a token connection may use, in its canonical form (runtime/api-domain.ts): the configured
   * PIPEDRIVE_API_URL, or a company's own `https://<company>.pipedrive.com`.
   */
  private apiUrlFor(requested: string | undefined): string {
    const apiUrl = allowedApiBase(requested ?? this.config.apiUrl, this.config.apiUrl);
    if (!apiUrl) {
      throw new ConnectorError(
        'invalid_input',
        'api_url must be the configured PIPEDRIVE_API_URL or https://<company>.pipedrive.com.',
        { issues: [{ path: 'api_url', message: 'is not a Pipedrive API host' }] },
      );
    }
    return apiUrl;
  }

  /**
   * Check an API token with Pipedrive and store it in the workspace. The same token for the same API base, stored
   * in the workspace already, is that connection (`existing`): adding a token twice does not make two.
   */
  async createApiToken(
    workspace: WorkspaceStore,
    apiToken: string,
    requestedApiUrl: string | undefined,
    logger: Logger,
  ): Promise<{ connection: Connection; existing: boolean }> {
    const apiUrl = this.apiUrlFor(requestedApiUrl);
    const user = await whoAmI({ type: 'api_token', apiToken, apiUrl }, logger);
    const same = (await workspace.listConnections()).filter(
      (c) => c.type === 'api_token' && c.api_url === apiUrl && c.user.id === user.id,
    );
    for (const candidate of same) {
      const stored = await workspace.getConnection(candidate.id);
      const secret = stored?.secret as { api_token?: string } | undefined;
      if (secret?.api_token !== undefined && sameSecret(secret.api_token, apiToken)) {
        logger.info({ connection_id: candidate.id, user_id: user.id }, 'connection exists with this token');
        return { connection: candidate, existing: true };
      }
    }
    const connection = await workspace.createConnection({
      type: 'api_token',
      user,
      api_url: apiUrl,
      secret: { api_token: apiToken },
    });
    logger.info(
      { connection_id: connection.id, workspace_id: workspace.workspace_id, user_id: user.id },
      'connection created',
    );
    return { connection, existing: false };
  }

  /** Store the tokens of a completed OAuth flow in the workspace it was started for. */
  async createOAuth(workspace: WorkspaceStore, tokens: TokenSet, logger: Logger): Promise<Connection> {
    const user = await whoAmI({ type: 'oauth2', ...tokens }, logger);
    const connection = await workspace.createConnection({
      type: 'oauth2',
      user,
      api_url: tokens.apiDomain,
      secret: toSecret(tokens),
    });
    logger.info(
      { connection_id: connection.id, workspace_id: workspace.workspace_id, user_id: user.id },
      'OAuth connection created',
    );
    return connection;
  }
}
