import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HEADER_SAFE } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import { principalOf, workspaceOf } from '../access.js';
import { OAUTH_CALLBACK_ROUTE, OAUTH_START_ROUTE, registerOAuthRoutes } from '../oauth-routes.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { connection, connectionUsage, idParams } from '../resources.js';
import { type App, audit, type HostDeps } from './deps.js';

/** A Pipedrive API token: visible ASCII only (a header value), so that a pasted line break is refused here. */
const apiToken = z
  .string()
  .min(1)
  .max(200)
  .regex(HEADER_SAFE, 'must be printable ASCII without spaces (a Pipedrive API token)')
  .meta({ description: "The Pipedrive user's personal API token." });

const newConnection = z.strictObject({
  type: z
    .literal('api_token')
    .meta({ description: 'Only `api_token` here; OAuth connections come from the OAuth flow.' }),
  api_token: apiToken,
  api_url: z.url().optional().meta({ description: 'API base to call (default PIPEDRIVE_API_URL).' }),
});

const params = idParams('Connection');

/** How long an authorize link may wait to be opened. */
const AUTHORIZE_LINK_SECONDS = 600;

/** Connections: API tokens checked and stored, OAuth's authorize links and callback, listing and deleting. */
export async function registerConnectionRoutes(app: App, deps: HostDeps): Promise<void> {
  const { config, store, connections } = deps;

  app.post(
    '/connections',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'createConnection',
        summary: 'Connect with an API token',
        description:
          "Checks the token with `GET /v1/users/me`, then stores it sealed in the key's workspace. `api_url` may be the configured PIPEDRIVE_API_URL or `https://<company>.pipedrive.com`. The same token (for the same API base) stored in the workspace already answers that connection with `200`, and nothing is stored twice.",
        tags: ['connections'],
        body: newConnection,
        response: {
          200: connection.meta({ description: 'The workspace has this token already: its connection.' }),
          201: connection.meta({ description: 'Connected.' }),
          ...errors(PIPEDRIVE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { connection: created, existing } = await connections.createApiToken(
        workspaceOf(request),
        request.body.api_token,
        request.body.api_url,
        request.log,
      );
      if (existing) return reply.code(200).send(created);
      await audit(store, request, 'connection.create', created.id);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/connections',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'listConnections',
        summary: 'List connections',
        description: "The workspace's stored connections, without secrets.",
        tags: ['connections'],
        response: {
          200: z.object({ connections: z.array(connection) }).meta({ description: 'The connections.' }),
          ...errors([]),
        },
      },
    },
    async (request) => ({ connections: await workspaceOf(request).listConnections() }),
  );

  app.get(
    '/connections/:id',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getConnection',
        summary: 'Show a connection',
        description: 'The connection, without its secret.',
        tags: ['connections'],
        params,
        response: {
          200: connection.meta({ description: 'The connection.' }),
          ...errors(['not_found']),
        },
      },
    },
    async (request) => {
      const found = await workspaceOf(request).getConnection(request.params.id);
      if (!found) throw new ConnectorError('not_found', `Connection ${request.params.id} not found.`);
      return found;
    },
  );

  app.get(
    '/connections/:id/usage',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getConnectionUsage',
        summary: "Show a connection's token usage today",
        description:
          "Tokens the connection's calls spent today (UTC) by the operations' declared costs, and its company's (every connection of the company in this host's store), with the daily budget as Pipedrive's latest answer told it. `state` is `low` from 80% used (the host also logs a warning), `spent` when nothing is left; `slow_down` tells optional work to wait.",
        tags: ['connections'],
        params,
        response: {
          200: connectionUsage,
          ...errors(['not_found']),
        },
      },
    },
    async (request) => {
      const found = await workspaceOf(request).getConnection(request.params.id);
      if (!found) throw new ConnectorError('not_found', `Connection ${request.params.id} not found.`);
      return connections.usage.summary(found);
    },
  );

  app.delete(
    '/connections/:id',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'deleteConnection',
        summary: 'Delete a connection',
        description:
          'Deletes the stored credentials (OAuth: also revokes the grant at Pipedrive). Refused with `conflict` while trigger subscriptions use the connection.',
        tags: ['connections'],
        params,
        response: {
          204: z.null().meta({ description: 'Deleted.' }),
          ...errors(['not_found', 'conflict']),
        },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const found = await workspace.getConnection(request.params.id);
      if (!found) throw new ConnectorError('not_found', `Connection ${request.params.id} not found.`);
      const subscriptions = await workspace.listSubscriptions({ connection_id: found.id });
      if (subscriptions.length > 0) {
        throw new ConnectorError(
          'conflict',
          `Connection ${found.id} still has ${subscriptions.length} trigger subscription(s); delete them first (DELETE /subscriptions/:id).`,
          { subscriptions: subscriptions.map((s) => s.id) },
        );
      }
      if (found.type === 'oauth2') {
        try {
          await connections.tokens.revoke(found);
        } catch (error) {
          // The local copy goes anyway: keeping credentials the user asked to remove is worse.
          request.log.warn(
            { connection_id: found.id, code: (error as ConnectorError).code },
            'could not revoke the OAuth tokens at Pipedrive; deleting them here anyway',
          );
        }
      }
      await workspace.deleteConnection(found.id);
      await audit(store, request, 'connection.delete', found.id);
      return reply.code(204).send(null);
    },
  );

  // ---------- OAuth 2.0 ----------

  const notConfigured = () =>
    new ConnectorError(
      'not_found',
      'OAuth is not configured on this host: set PIPEDRIVE_CLIENT_ID and PIPEDRIVE_CLIENT_SECRET (see docs/auth.md), or connect with an API token (POST /connections).',
    );
  const authorizeLink = z
    .object({
      url: z.string().meta({
        description: "The authorize link: open it in the user's browser, once, before `expires_at`.",
      }),
      expires_at: z.string().meta({ description: 'When the link stops working.', format: 'date-time' }),
    })
    .meta({ description: 'A single-use authorize link for the workspace of the key.' });

  app.post(
    '/oauth/authorize-url',
    {
      // Each link stores a ticket and an audit entry: a tighter limit than the key's.
      config: {
        access: 'key',
        keyLimit: { what: 'authorize links', perMinute: config.authorizeLinksPerMinute },
      },
      schema: {
        operationId: 'oauthAuthorizeUrl',
        summary: 'Start the OAuth 2.0 flow',
        description: `A short-lived (${AUTHORIZE_LINK_SECONDS / 60} minutes), single-use authorize link bound to the key's workspace; at most AUTHORIZE_LINKS_PER_MINUTE (${config.authorizeLinksPerMinute}) a minute per key. The user opens it in a browser; Pipedrive's consent page follows, then the callback creates the connection in this workspace (docs/auth.md). \`not_found\` when PIPEDRIVE_CLIENT_ID/PIPEDRIVE_CLIENT_SECRET are not set.`,
        tags: ['oauth'],
        response: { 201: authorizeLink, ...errors(['not_found']) },
      },
    },
    async (request, reply) => {
      if (!connections.oauth) throw notConfigured();
      const { key } = principalOf(request);
      const ticket = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + AUTHORIZE_LINK_SECONDS * 1000);
      await store.createOAuthTicket({
        ticket,
        workspace_id: key.workspace_id,
        key_id: key.id,
        expires_at: expires,
      });
      await audit(store, request, 'oauth.start', null);
      return reply
        .code(201)
        .send({ url: `${config.publicUrl}/oauth/start?ticket=${ticket}`, expires_at: expires.toISOString() });
    },
  );

  const startResponses = {
    302: z.null().meta({ description: "To Pipedrive's consent page." }),
    ...errors(['invalid_input', 'not_found']),
  };
  const callbackResponses = {
    201: connection.meta({ description: 'Connected.' }),
    302: z.null().meta({ description: 'To OAUTH_SUCCESS_URL?connection_id=<id>, when set.' }),
    ...errors(['invalid_input', 'not_found', 'unauthorized', 'upstream_error', 'timeout']),
  };

  if (config.clientId && config.clientSecret) {
    await registerOAuthRoutes(app, {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      oauthUrl: config.oauthUrl,
      apiUrl: config.apiUrl,
      callbackUrl: `${config.publicUrl}/oauth/callback`,
      ...(config.oauthScope ? { scope: config.oauthScope } : {}),
      routeConfig: { access: 'oauth' },
      startResponses,
      callbackResponses,
      redeemTicket: (ticket) => store.redeemOAuthTicket(ticket, new Date()),
      completeSession: (session) => store.completeOAuthSession(session.session_id, new Date()),
      onConnected: async (tokens, session, request, reply) => {
        const created = await connections.createOAuth(
          store.workspace(session.workspace_id),
          tokens,
          request.log,
        );
        await audit(store, request, 'connection.create', created.id, { by: session });
        if (config.oauthSuccessUrl) {
          const target = new URL(config.oauthSuccessUrl);
          target.searchParams.set('connection_id', created.id);
          return reply.redirect(target.toString());
        }
        return reply.code(201).send(created);
      },
    });
  } else {
    const refuse = async () => {
      throw notConfigured();
    };
    app.get(
      '/oauth/start',
      {
        config: { access: 'oauth' },
        schema: {
          ...OAUTH_START_ROUTE,
          description: 'OAuth is not configured on this host: `not_found`.',
          response: startResponses,
        },
      },
      refuse,
    );
    app.get(
      '/oauth/callback',
      {
        config: { access: 'oauth' },
        schema: {
          ...OAUTH_CALLBACK_ROUTE,
          description: 'OAuth is not configured on this host: `not_found`.',
          response: callbackResponses,
        },
      },
      refuse,
    );
  }
}
