import { AuthorizationCode } from 'simple-oauth2';
import { allowedApiBase } from '../runtime/api-domain.js';
import type { OAuth2Tokens } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { DEFAULT_OAUTH_URL } from './descriptor.js';

/**
 * Pipedrive's OAuth 2.0 server (FACTS §2): token and revoke endpoints on `oauth.pipedrive.com`, client
 * credentials as HTTP Basic, form bodies. Built on simple-oauth2, the client @fastify/oauth2 uses too, so the
 * host's browser flow and the refreshes here speak to Pipedrive the same way. No fastify, no store: engines
 * that keep their own tokens can use it as it is.
 */
export interface PipedriveOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Default https://oauth.pipedrive.com. */
  oauthUrl?: string;
  /**
   * An API base accepted as `api_domain` besides `https://<company>.pipedrive.com`: the configured
   * PIPEDRIVE_API_URL (a sandbox, or a local stand-in in tests).
   */
  apiUrl?: string;
}

/** The token endpoint's answer, as the connector keeps it. */
export interface TokenSet extends OAuth2Tokens {
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  scope?: string;
}

/** Refresh this long before the access token expires (Pipedrive's last 60 minutes). */
export const REFRESH_MARGIN_MS = 60_000;

export function simpleOAuthConfig(config: PipedriveOAuthConfig) {
  const host = (config.oauthUrl ?? DEFAULT_OAUTH_URL).replace(/\/+$/, '');
  return {
    client: { id: config.clientId, secret: config.clientSecret },
    auth: {
      tokenHost: host,
      tokenPath: '/oauth/token',
      revokePath: '/oauth/revoke',
      authorizeHost: host,
      authorizePath: '/oauth/authorize',
    },
    options: { authorizationMethod: 'header' as const, bodyFormat: 'form' as const },
  };
}

/**
 * Normalize a token response (`access_token`, `refresh_token`, `expires_in`, `scope`, `api_domain`). The
 * `api_domain` must be a Pipedrive API origin (runtime/api-domain.ts), or `apiUrl` exactly: the bearer token is sent
 * there.
 */
export function toTokenSet(raw: Record<string, unknown>, now = Date.now(), apiUrl?: string): TokenSet {
  const accessToken = raw.access_token;
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new ConnectorError('upstream_error', "Pipedrive's token answer has no access_token.");
  }
  if (typeof raw.api_domain !== 'string' || raw.api_domain === '') {
    throw new ConnectorError('upstream_error', "Pipedrive's token answer has no api_domain.");
  }
  const apiDomain = allowedApiBase(raw.api_domain, apiUrl);
  if (!apiDomain) {
    throw new ConnectorError(
      'upstream_error',
      `The token answer's api_domain (${raw.api_domain.slice(0, 100)}) is not https://<company>.pipedrive.com: the token is not used there.`,
      { api_domain: raw.api_domain.slice(0, 100) },
    );
  }
  const expiresIn = Number(raw.expires_in);
  return {
    accessToken,
    apiDomain,
    ...(typeof raw.refresh_token === 'string' ? { refreshToken: raw.refresh_token } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...(typeof raw.scope === 'string' ? { scope: raw.scope } : {}),
  };
}

/** The OAuth error code of a failed token request (`invalid_grant`, `invalid_client`, ...). */
function oauthError(error: unknown): { status?: number; code?: string } {
  const boom = error as { output?: { statusCode?: number }; data?: { payload?: unknown } };
  let payload = boom.data?.payload;
  if (Buffer.isBuffer(payload)) payload = payload.toString('utf8');
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      // not JSON: no code
    }
  }
  const code = (payload as { error?: unknown } | undefined)?.error;
  return {
    ...(boom.output?.statusCode !== undefined ? { status: boom.output.statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** Turn a token endpoint failure into the connector's error; the message never carries a token. */
export function tokenError(error: unknown, what: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { status, code } = oauthError(error);
  if (code === 'invalid_grant') {
    return new ConnectorError(
      'reauthorization_required',
      `Pipedrive refused the ${what} (invalid_grant): the grant was revoked, expired after 60 days unused, or the app was uninstalled. Reconnect (a new authorize link: POST /oauth/authorize-url).`,
      { oauth_error: code },
    );
  }
  if (code === 'invalid_client' || status === 401) {
    return new ConnectorError(
      'unauthorized',
      `Pipedrive refused the app's client credentials while handling the ${what}: check PIPEDRIVE_CLIENT_ID and PIPEDRIVE_CLIENT_SECRET.`,
      { oauth_error: code ?? 'invalid_client' },
    );
  }
  return new ConnectorError(
    status && status < 500 ? 'invalid_input' : 'upstream_error',
    `Pipedrive's OAuth server failed the ${what}${status ? ` (HTTP ${status}${code ? `, ${code}` : ''})` : ''}.`,
    { ...(code ? { oauth_error: code } : {}), ...(status ? { status } : {}) },
  );
}

export class PipedriveOAuth {
  readonly client: AuthorizationCode;

  constructor(readonly config: PipedriveOAuthConfig) {
    this.client = new AuthorizationCode(simpleOAuthConfig(config));
  }

  /** Trade a refresh token for new tokens. `invalid_grant` → `reauthorization_required`. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    try {
      const token = await this.client.createToken({ refresh_token: refreshToken }).refresh();
      const tokens = toTokenSet(token.token as Record<string, unknown>, Date.now(), this.config.apiUrl);
      // Pipedrive re-issues the same refresh token; keep the one we had if the answer omits it.
      return { refreshToken, ...tokens };
    } catch (error) {
      throw tokenError(error, 'refresh token');
    }
  }

  /** Revoke a token at Pipedrive (RFC 7009); revoking the refresh token ends the whole grant. */
  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    try {
      await this.client.createToken({ [hint]: token }).revoke(hint);
    } catch (error) {
      throw tokenError(error, 'token revocation');
    }
  }
}

/**
 * A refresh callback for `ctx.auth.refresh` that an engine keeping its own tokens can use: concurrent calls
 * share one token request (single-flight), and `save` gets the new tokens to store.
 */
export function oauthRefresher(
  oauth: PipedriveOAuth,
  tokens: { refreshToken: string },
  save: (tokens: TokenSet) => void | Promise<void>,
): () => Promise<TokenSet> {
  let inflight: Promise<TokenSet> | undefined;
  return () => {
    inflight ??= (async () => {
      try {
        const fresh = await oauth.refresh(tokens.refreshToken);
        if (fresh.refreshToken) tokens.refreshToken = fresh.refreshToken;
        await save(fresh);
        return fresh;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };
}
