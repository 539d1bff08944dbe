import { type PipedriveOAuth, REFRESH_MARGIN_MS, type TokenSet } from '../auth/oauth2.js';
import type { Logger, OAuth2Auth } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import type { ConnectionWithSecret, OAuthSecret, Store } from './store/types.js';

/** The stored form of a token set. */
export function toSecret(tokens: TokenSet): OAuthSecret {
  return {
    access_token: tokens.accessToken,
    ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
    ...(tokens.expiresAt ? { expires_at: tokens.expiresAt } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
  };
}

function tokensOf(connection: ConnectionWithSecret): TokenSet {
  const secret = connection.secret as OAuthSecret;
  return {
    accessToken: secret.access_token,
    apiDomain: connection.api_url,
    ...(secret.refresh_token ? { refreshToken: secret.refresh_token } : {}),
    ...(secret.expires_at ? { expiresAt: secret.expires_at } : {}),
  };
}

export function reauthorizationRequired(connectionId: string): ConnectorError {
  return new ConnectorError(
    'reauthorization_required',
    `Connection ${connectionId} must be authorized again: Pipedrive refused its refresh token. Reconnect: ask for a new authorize link (POST /oauth/authorize-url).`,
    { connection_id: connectionId },
  );
}

/**
 * Token refresh for the host's OAuth connections. All calls of one connection share one refresh
 * (single-flight), and a caller holding a token that another caller already replaced gets the stored new
 * tokens instead of refreshing again, so N concurrent 401s cost one token request. New tokens are stored
 * sealed; `invalid_grant` marks the connection `reauthorization_required` instead of retrying forever.
 */
export class OAuthConnections {
  private readonly inflight = new Map<string, Promise<TokenSet>>();

  constructor(
    private readonly store: Store,
    private readonly oauth: PipedriveOAuth | undefined,
    private readonly logger: Logger,
  ) {}

  /** `ctx.auth` for an OAuth connection, with a `refresh` bound to this connection. */
  auth(connection: ConnectionWithSecret): OAuth2Auth {
    const tokens = tokensOf(connection);
    const auth: OAuth2Auth = {
      type: 'oauth2',
      ...tokens,
      refresh: () => this.refresh(connection.id, auth.accessToken),
    };
    return auth;
  }

  /**
   * The stored connection, and its tokens when someone else already replaced `staleAccessToken` with ones that
   * are still good (then no refresh is needed).
   */
  private async current(connectionId: string, staleAccessToken: string) {
    const connection = await this.store.getConnection(connectionId);
    if (!connection) throw new ConnectorError('not_found', `Connection ${connectionId} not found.`);
    if (connection.status === 'reauthorization_required') throw reauthorizationRequired(connectionId);
    const stored = tokensOf(connection);
    const fresh = stored.expiresAt === undefined || stored.expiresAt - Date.now() > REFRESH_MARGIN_MS;
    return { connection, replaced: stored.accessToken !== staleAccessToken && fresh ? stored : undefined };
  }

  /** Fresh tokens for the connection whose caller holds `staleAccessToken`. */
  async refresh(connectionId: string, staleAccessToken: string): Promise<TokenSet> {
    const { replaced } = await this.current(connectionId, staleAccessToken);
    if (replaced) return replaced;
    let pending = this.inflight.get(connectionId);
    if (!pending) {
      pending = this.refreshOnce(connectionId, staleAccessToken).finally(() =>
        this.inflight.delete(connectionId),
      );
      this.inflight.set(connectionId, pending);
    }
    return pending;
  }

  /**
   * Across hosts: under the store's lock for this connection, read the tokens again; another host may have
   * refreshed them while this one waited, and then they are used as they are.
   */
  private refreshOnce(connectionId: string, staleAccessToken: string): Promise<TokenSet> {
    return this.store.withLock(`oauth-refresh:${connectionId}`, async () => {
      const { connection, replaced } = await this.current(connectionId, staleAccessToken);
      return replaced ?? this.doRefresh(connection);
    });
  }

  private async doRefresh(connection: ConnectionWithSecret): Promise<TokenSet> {
    const refreshToken = (connection.secret as OAuthSecret).refresh_token;
    if (!this.oauth) {
      throw new ConnectorError(
        'unauthorized',
        'The access token expired and this host has no OAuth client to refresh it: set PIPEDRIVE_CLIENT_ID and PIPEDRIVE_CLIENT_SECRET.',
      );
    }
    if (!refreshToken) {
      await this.store.setConnectionStatus(connection.id, 'reauthorization_required');
      throw reauthorizationRequired(connection.id);
    }
    try {
      const tokens = await this.oauth.refresh(refreshToken);
      await this.store.updateConnectionSecret(connection.id, toSecret(tokens), tokens.apiDomain);
      this.logger.info({ connection_id: connection.id }, 'OAuth tokens refreshed');
      return tokens;
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'reauthorization_required') {
        await this.store.setConnectionStatus(connection.id, 'reauthorization_required');
        this.logger.warn({ connection_id: connection.id }, 'refresh token refused; reauthorization required');
        throw reauthorizationRequired(connection.id);
      }
      throw error;
    }
  }

  /** Revoke the connection's grant at Pipedrive (its refresh token, which ends its access tokens too). */
  async revoke(connection: ConnectionWithSecret): Promise<void> {
    const secret = connection.secret as OAuthSecret;
    if (!this.oauth)
      throw new ConnectorError('unauthorized', 'No OAuth client is configured to revoke tokens.');
    if (secret.refresh_token) await this.oauth.revoke(secret.refresh_token, 'refresh_token');
    else await this.oauth.revoke(secret.access_token, 'access_token');
  }
}
