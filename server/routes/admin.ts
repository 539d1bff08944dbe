import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConnectorError } from '../../runtime/errors.js';
import { administers, notYourWorkspace, principalOf } from '../access.js';
import { issueKey, revokeKey } from '../keys.js';
import { errors } from '../openapi.js';
import {
  apiKey,
  auditEntry,
  idParams,
  keyLabel,
  nextCursor,
  pageQuery,
  workspace,
  workspaceName,
} from '../resources.js';
import { type App, audit, type HostDeps } from './deps.js';

const keyParams = idParams('Key');

/**
 * Workspaces, API keys and the audit trail. A workspace admin's key sees and manages its own workspace's only; a
 * host operator's key every workspace's, and only it creates workspaces and operator keys (docs/decisions.md,
 * "Roles").
 */
export function registerAdminRoutes(app: App, deps: HostDeps): void {
  const { store } = deps;

  /** The workspace a list is about: the one asked for, which the caller must administer, or the caller's own. */
  const listedWorkspace = (request: FastifyRequest, asked: string | undefined): string | undefined => {
    const { key } = principalOf(request);
    if (asked !== undefined && !administers(request, asked)) throw notYourWorkspace(request, asked);
    return asked ?? (key.operator ? undefined : key.workspace_id);
  };

  app.get(
    '/workspaces',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listWorkspaces',
        summary: 'List workspaces',
        description:
          "Every workspace of the host (a host operator's key), or the key's own (a workspace admin's).",
        tags: ['admin'],
        response: {
          200: z.object({ workspaces: z.array(workspace) }).meta({ description: 'The workspaces.' }),
          ...errors([]),
        },
      },
    },
    async (request) => {
      const { key } = principalOf(request);
      if (key.operator) return { workspaces: await store.listWorkspaces() };
      const own = await store.getWorkspace(key.workspace_id);
      return { workspaces: own ? [own] : [] };
    },
  );

  app.post(
    '/workspaces',
    {
      config: { access: 'operator' },
      schema: {
        operationId: 'createWorkspace',
        summary: 'Create a workspace',
        description:
          "A new, empty workspace (a host operator's key only); `conflict` when the name is taken.",
        tags: ['admin'],
        body: z.strictObject({ id: workspaceName }),
        response: {
          201: workspace.meta({ description: 'Created.' }),
          ...errors(['conflict']),
        },
      },
    },
    async (request, reply) => {
      if (await store.getWorkspace(request.body.id)) {
        throw new ConnectorError('conflict', `Workspace ${request.body.id} exists already.`, {
          workspace_id: request.body.id,
        });
      }
      const created = await store.ensureWorkspace(request.body.id);
      await audit(store, request, 'workspace.create', created.id, { workspaceId: created.id });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/keys',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listKeys',
        summary: 'List API keys',
        description:
          "Keys of every workspace or of one (a host operator's key), or of the key's own workspace (a workspace admin's: another is `forbidden`); never their secrets.",
        tags: ['admin'],
        querystring: z.object({
          workspace_id: workspaceName.optional().meta({ description: 'Only the keys of this workspace.' }),
        }),
        response: {
          200: z.object({ keys: z.array(apiKey) }).meta({ description: 'The keys.' }),
          ...errors(['invalid_input', 'forbidden']),
        },
      },
    },
    async (request) => {
      const workspace_id = listedWorkspace(request, request.query.workspace_id);
      return { keys: await store.listApiKeys(workspace_id ? { workspace_id } : {}) };
    },
  );

  app.post(
    '/keys',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createKey',
        summary: 'Create an API key',
        description:
          "A new key for a workspace (created when it does not exist: a host operator's key only). A workspace admin makes keys, admin ones included, for its own workspace only; operator keys need an operator's key. The key is in this answer only: it is stored as a hash and cannot be shown again.",
        tags: ['admin'],
        body: z.strictObject({
          workspace_id: workspaceName,
          admin: z
            .boolean()
            .default(false)
            .meta({ description: "Administers its workspace's keys and audit trail (default false)." }),
          operator: z.boolean().default(false).meta({
            description:
              "Host operator: administers every workspace (default false; an operator's key only).",
          }),
          label: keyLabel.optional(),
        }),
        response: {
          201: apiKey
            .extend({
              key: z.string().meta({ description: 'The key: `pdk_<id>_<secret>`. Shown once.' }),
            })
            .meta({ description: 'Created.' }),
          ...errors(['forbidden']),
        },
      },
    },
    async (request, reply) => {
      const { workspace_id, admin, operator, label } = request.body;
      const caller = principalOf(request).key;
      if (!administers(request, workspace_id)) throw notYourWorkspace(request, workspace_id);
      if (operator && !caller.operator) {
        throw new ConnectorError('forbidden', "Only a host operator's key makes operator keys.");
      }
      const { key, apiKey: created } = await issueKey(store, {
        workspace_id,
        admin,
        operator,
        label: label ?? null,
        by: caller.id,
      });
      return reply.code(201).send({ ...created, key });
    },
  );

  app.delete(
    '/keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'revokeKey',
        summary: 'Revoke an API key',
        description:
          "The key is refused from now on (it stays listed, with `revoked_at`). A workspace admin revokes its own workspace's keys only (another's is `not_found`), and not an operator's key.",
        tags: ['admin'],
        params: keyParams,
        response: {
          204: z.null().meta({ description: 'Revoked.' }),
          ...errors(['not_found', 'forbidden']),
        },
      },
    },
    async (request, reply) => {
      const caller = principalOf(request).key;
      const target = await store.getApiKey(request.params.id);
      // Another workspace's key is answered as if it did not exist.
      if (!target || target.revoked_at !== null || !administers(request, target.workspace_id)) {
        throw new ConnectorError('not_found', `No active key ${request.params.id}.`);
      }
      if (target.operator && !caller.operator) {
        throw new ConnectorError('forbidden', "Only a host operator's key revokes an operator key.");
      }
      const result = await revokeKey(store, target.id, caller.id);
      if (!result?.revoked) throw new ConnectorError('not_found', `No active key ${request.params.id}.`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listAudit',
        summary: 'The audit trail',
        description:
          "Management actions, newest first: which key did what to which target, when; of every workspace or one (a host operator's key), or of the key's own workspace (a workspace admin's: another is `forbidden`). Never holds a secret. Kept AUDIT_RETENTION_DAYS.",
        tags: ['admin'],
        querystring: z.object({
          workspace_id: workspaceName.optional().meta({ description: 'Only the actions in this workspace.' }),
          ...pageQuery,
        }),
        response: {
          200: z
            .object({
              entries: z.array(auditEntry),
              next_cursor: nextCursor,
            })
            .meta({ description: 'One page of the trail.' }),
          ...errors(['invalid_input', 'forbidden']),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const workspace_id = listedWorkspace(request, request.query.workspace_id);
      return store.listAudit({
        limit,
        ...(workspace_id ? { workspace_id } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
  );
}
