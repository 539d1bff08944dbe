import oauthPlugin, { type OAuth2Namespace } from '@fastify/oauth2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError } from '../runtime/errors.js';
import { simpleOAuthConfig, type TokenSet, tokenError, toTokenSet } from './oauth2.js';

declare module 'fastify' {
  interface FastifyInstance {
    pipedriveOAuth2: OAuth2Namespace;
  }
}

export interface OAuthRoutesOptions {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  /** `<PUBLIC_URL>/oauth/callback`, as registered in the Pipedrive app. */
  callbackUrl: string;
  /** Called with the tokens of a completed flow; its result is the callback's answer. */
  onConnected(tokens: TokenSet, request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

const DENIED: Record<string, string> = {
  user_denied: 'The Pipedrive user did not allow access (user_denied).',
  access_denied: 'The Pipedrive user did not allow access (access_denied).',
};

/**
 * The authorization-code flow of a Pipedrive app on @fastify/oauth2: `GET /oauth/start` redirects to the
 * consent page with a `state` bound to the browser by an HttpOnly cookie; `GET /oauth/callback` checks that
 * state, exchanges the code (client credentials as HTTP Basic) and hands the tokens on. Refusals, a missing
 * or foreign state and an expired code are 400s with a message, never 500s.
 */
export async function registerOAuthRoutes(app: FastifyInstance, options: OAuthRoutesOptions): Promise<void> {
  await app.register(oauthPlugin, {
    name: 'pipedriveOAuth2',
    credentials: simpleOAuthConfig(options),
    startRedirectPath: '/oauth/start',
    callbackUri: options.callbackUrl,
    cookie: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      secure: options.callbackUrl.startsWith('https://'),
    },
  });

  app.get('/oauth/callback', async (request, reply) => {
    const query = request.query as {
      error?: string;
      error_description?: string;
      code?: string;
      state?: string;
    };
    if (query.error) {
      throw new ConnectorError(
        'invalid_input',
        `${DENIED[query.error] ?? `Pipedrive ended the authorization with "${query.error.slice(0, 64)}".`} Start again at /oauth/start.`,
        { oauth_error: query.error.slice(0, 64) },
      );
    }
    if (!query.code) {
      throw new ConnectorError(
        'invalid_input',
        'The OAuth callback has no authorization code. Start again at /oauth/start.',
        {
          issues: [{ path: 'code', message: 'is required' }],
        },
      );
    }
    let raw: Record<string, unknown>;
    try {
      const token = await app.pipedriveOAuth2.getAccessTokenFromAuthorizationCodeFlow(request, reply);
      raw = token.token as unknown as Record<string, unknown>;
    } catch (error) {
      if (error instanceof Error && /state/i.test(error.message) && !('output' in error)) {
        throw new ConnectorError(
          'invalid_input',
          'The OAuth state is missing or does not match the one this browser was given: start again at /oauth/start in the same browser.',
          { issues: [{ path: 'state', message: 'does not match' }] },
        );
      }
      throw tokenError(error, 'authorization code');
    }
    return options.onConnected(toTokenSet(raw), request, reply);
  });
}
