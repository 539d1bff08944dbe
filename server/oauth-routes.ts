import oauthPlugin, { type OAuth2Namespace } from '@fastify/oauth2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PipedriveOAuth, simpleOAuthConfig, type TokenSet, tokenError, toTokenSet } from '../auth/oauth2.js';
import { ConnectorError } from '../runtime/errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    pipedriveOAuth2: OAuth2Namespace;
  }
}

/**
 * Who a flow was started for: the workspace (and API key) of the authenticated call that asked for it, and the
 * flow's ID (its ticket's, as the host stores it), by which the callback closes the flow once.
 */
export interface OAuthSession {
  workspace_id: string;
  key_id: string;
  session_id: string;
}

export interface OAuthRoutesOptions {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  /** An API base accepted as the token's `api_domain` besides `https://<company>.pipedrive.com` (runtime/api-domain.ts). */
  apiUrl?: string;
  /** `<PUBLIC_URL>/oauth/callback`, as registered in the Pipedrive app. */
  callbackUrl: string;
  /** Scopes to ask for; none by default (a Pipedrive app's scopes are set in its settings). */
  scope?: string;
  /** The route options every OAuth route gets (the host's access declaration and docs tags). */
  routeConfig: Record<string, unknown>;
  /**
   * Take a single-use ticket: the session it was issued for, or undefined when unknown, used or expired (or when
   * the key that asked for it was revoked since).
   */
  redeemTicket(ticket: string): Promise<OAuthSession | undefined>;
  /**
   * Close the flow of a session at its callback, once: the session (as stored) when it is still open, or undefined
   * when it was completed already (a replayed callback) or its key was revoked since.
   */
  completeSession(session: OAuthSession): Promise<OAuthSession | undefined>;
  /**
   * Called with the tokens of a completed flow and its session; its result is the callback's answer. When it
   * throws, the grant is revoked at Pipedrive: it must not throw once the connection is stored.
   */
  onConnected(
    tokens: TokenSet,
    session: OAuthSession,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown>;
  /** Documented answers of the callback (the host's schemas). */
  callbackResponses: Record<number, z.ZodType>;
  startResponses: Record<number, z.ZodType>;
}

const DENIED: Record<string, string> = {
  user_denied: 'The Pipedrive user did not allow access (user_denied).',
  access_denied: 'The Pipedrive user did not allow access (access_denied).',
};

/** How long a started flow may take before its browser session is refused (Pipedrive's codes live 5 minutes). */
const OAUTH_SESSION_SECONDS = 600;

/** What names the two routes in the OpenAPI document, also where OAuth is not configured (server/routes). */
export const OAUTH_START_ROUTE = {
  operationId: 'oauthStart',
  summary: 'Open the consent page (an authorize link)',
  tags: ['oauth'],
};
export const OAUTH_CALLBACK_ROUTE = {
  operationId: 'oauthCallback',
  summary: 'OAuth 2.0 callback',
  tags: ['oauth'],
};

const START_AGAIN = 'Start again with a new authorize link (POST /oauth/authorize-url).';

/**
 * The authorization-code flow of a Pipedrive app on @fastify/oauth2, bound at both ends:
 * - `GET /oauth/start?ticket=` takes a single-use, short-lived ticket that an authenticated call issued for its
 *   workspace, puts that session in a signed cookie, and redirects to the consent page with a `state` (signed
 *   cookie) and a PKCE S256 challenge (the verifier in a signed cookie). No scope is sent unless one is configured.
 * - `GET /oauth/callback` checks the state against the cookie, exchanges the code with the PKCE verifier (client
 *   credentials as HTTP Basic), checks the token's `api_domain`, and hands the tokens and the session on.
 * The cookies are HttpOnly, SameSite=Lax, and `__Host-` and `Secure` when the callback is https. Refusals, a
 * missing or foreign state and an expired code are 400s with a message, never 500s.
 */
export async function registerOAuthRoutes(app: FastifyInstance, options: OAuthRoutesOptions): Promise<void> {
  const secure = options.callbackUrl.startsWith('https://');
  const prefix = secure ? '__Host-' : '';
  const sessionCookie = `${prefix}pd-oauth-session`;
  const stateCookie = `${prefix}pd-oauth-state`;
  const verifierCookie = `${prefix}pd-oauth-verifier`;
  const cookieOptions = {
    path: '/',
    sameSite: 'lax' as const,
    httpOnly: true,
    secure,
    signed: true,
  };
  const oauth = new PipedriveOAuth(options);
  /** Revoke a token answer's grant: its refresh token (which ends its access tokens too), else its access token. */
  const revokeGrant = async (raw: Record<string, unknown>) => {
    if (typeof raw.refresh_token === 'string' && raw.refresh_token !== '') {
      await oauth.revoke(raw.refresh_token, 'refresh_token');
    } else if (typeof raw.access_token === 'string' && raw.access_token !== '') {
      await oauth.revoke(raw.access_token, 'access_token');
    }
  };
  await app.register(oauthPlugin, {
    name: 'pipedriveOAuth2',
    credentials: simpleOAuthConfig(options),
    callbackUri: options.callbackUrl,
    ...(options.scope ? { scope: options.scope.split(/[\s,]+/).filter(Boolean) } : {}),
    pkce: 'S256',
    redirectStateCookieName: stateCookie,
    verifierCookieName: verifierCookie,
    cookie: cookieOptions,
  });

  app.get(
    '/oauth/start',
    {
      config: options.routeConfig,
      schema: {
        ...OAUTH_START_ROUTE,
        description:
          "The link that `POST /oauth/authorize-url` returns, opened in the user's browser: it may be used once, within its lifetime. Redirects to Pipedrive's consent page with a `state` and a PKCE challenge bound to this browser by signed HttpOnly cookies.",
        querystring: z.object({
          ticket: z
            .string()
            .min(1)
            .max(200)
            .meta({ description: 'The single-use ticket of the authorize link.' }),
        }),
        response: options.startResponses,
      },
    },
    async (request, reply) => {
      const { ticket } = request.query as { ticket: string };
      const session = await options.redeemTicket(ticket);
      if (!session) {
        throw new ConnectorError(
          'invalid_input',
          `This authorize link is unknown, expired or was used already. ${START_AGAIN}`,
          { issues: [{ path: 'ticket', message: 'is not valid' }] },
        );
      }
      const value = Buffer.from(
        JSON.stringify({ ...session, expires_at: Date.now() + OAUTH_SESSION_SECONDS * 1000 }),
      ).toString('base64url');
      reply.setCookie(sessionCookie, value, { ...cookieOptions, maxAge: OAUTH_SESSION_SECONDS });
      const url = new URL(await app.pipedriveOAuth2.generateAuthorizationUri(request, reply));
      // @fastify/oauth2 writes `scope=undefined` when no scope is configured: a Pipedrive app needs none.
      if (!options.scope) url.searchParams.delete('scope');
      return reply.redirect(url.toString());
    },
  );

  /** A signed cookie of this host's, unaltered; undefined when missing or tampered with. */
  const signedCookie = (request: FastifyRequest, name: string): string | undefined => {
    const raw = request.cookies[name];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  };

  const readSession = (request: FastifyRequest): OAuthSession | undefined => {
    const value = signedCookie(request, sessionCookie);
    if (!value) return undefined;
    try {
      const session = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as OAuthSession & {
        expires_at: number;
      };
      if (
        typeof session.workspace_id !== 'string' ||
        typeof session.key_id !== 'string' ||
        typeof session.session_id !== 'string'
      ) {
        return undefined;
      }
      if (!(session.expires_at > Date.now())) return undefined;
      return { workspace_id: session.workspace_id, key_id: session.key_id, session_id: session.session_id };
    } catch {
      return undefined;
    }
  };

  app.get(
    '/oauth/callback',
    {
      config: options.routeConfig,
      schema: {
        ...OAUTH_CALLBACK_ROUTE,
        description:
          'Where Pipedrive sends the browser back: checks `state` against the signed cookie of the browser that opened the authorize link, exchanges the code with the PKCE verifier, and creates the connection in the workspace the link was issued for. Answers it, or redirects to OAUTH_SUCCESS_URL with `?connection_id=`.',
        querystring: z.object({
          code: z
            .string()
            .max(2000)
            .optional()
            .meta({ description: 'Authorization code (lives 5 minutes).' }),
          state: z.string().max(2000).optional().meta({ description: 'The state given at the start.' }),
          error: z
            .string()
            .optional()
            .meta({ description: 'Set by Pipedrive when the user denied access (`user_denied`).' }),
          error_description: z.string().optional().meta({ description: "Pipedrive's words for the error." }),
        }),
        response: options.callbackResponses,
      },
    },
    async (request, reply) => {
      const query = request.query as { error?: string; code?: string; state?: string };
      if (query.error) {
        throw new ConnectorError(
          'invalid_input',
          `${DENIED[query.error] ?? `Pipedrive ended the authorization with "${query.error.slice(0, 64)}".`} ${START_AGAIN}`,
          { oauth_error: query.error.slice(0, 64) },
        );
      }
      if (!query.code) {
        throw new ConnectorError(
          'invalid_input',
          `The OAuth callback has no authorization code. ${START_AGAIN}`,
          {
            issues: [{ path: 'code', message: 'is required' }],
          },
        );
      }
      const cookieSession = readSession(request);
      const state = signedCookie(request, stateCookie);
      // The state and the PKCE verifier of this browser's start, unaltered: checked here so that a forged or
      // foreign callback is refused before any code goes to Pipedrive.
      if (!cookieSession || !state || !signedCookie(request, verifierCookie)) {
        throw new ConnectorError(
          'invalid_input',
          `This browser has no OAuth session of this host (missing, altered or older than ${OAUTH_SESSION_SECONDS / 60} minutes): open the authorize link in the browser that completes the flow. ${START_AGAIN}`,
          { issues: [{ path: 'state', message: 'has no session' }] },
        );
      }
      if (query.state !== state) {
        throw new ConnectorError(
          'invalid_input',
          `The OAuth state is missing or does not match the one this browser was given. ${START_AGAIN}`,
          { issues: [{ path: 'state', message: 'does not match' }] },
        );
      }
      // Single use end to end: the flow is closed here, before its code is exchanged, so that the same cookies
      // replayed with a fresh code find nothing; and the key that asked for it must still be valid.
      const session = await options.completeSession(cookieSession);
      if (!session) {
        throw new ConnectorError(
          'invalid_input',
          `This OAuth flow was completed already, or the API key that asked for its link was revoked. ${START_AGAIN}`,
          { issues: [{ path: 'state', message: 'has no open flow' }] },
        );
      }
      reply.clearCookie(sessionCookie, cookieOptions);
      let raw: Record<string, unknown>;
      try {
        const token = await app.pipedriveOAuth2.getAccessTokenFromAuthorizationCodeFlow(request, reply);
        raw = token.token as unknown as Record<string, unknown>;
      } catch (error) {
        throw tokenError(error, 'authorization code');
      }
      try {
        return await options.onConnected(
          toTokenSet(raw, Date.now(), options.apiUrl),
          session,
          request,
          reply,
        );
      } catch (error) {
        // The flow failed after Pipedrive granted access (its api_domain refused, the user lookup failed): the
        // grant is revoked, not left behind unused.
        await revokeGrant(raw).catch((failure: unknown) =>
          request.log.warn(
            { code: (failure as ConnectorError).code },
            'could not revoke the tokens of a failed OAuth flow at Pipedrive',
          ),
        );
        throw error;
      }
    },
  );
}
