import { z } from 'zod';
import { ConnectorError } from '../../runtime/errors.js';
import { principalOf } from '../access.js';
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

/** Admin keys only: workspaces, API keys and the audit trail, of every workspace. */
export function registerAdminRoutes(app: App, deps: HostDeps): void {
  const { store } = deps;

  app.get(
    '/workspaces',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listWorkspaces',
        summary: 'List workspaces',
        description: 'Every workspace of the host.',
        tags: ['admin'],
        response: {
          200: z.object({ workspaces: z.array(workspace) }).meta({ description: 'The workspaces.' }),
          ...errors([]),
        },
      },
    },
    async () => ({ workspaces: await store.listWorkspaces() }),
  );

  app.post(
    '/workspaces',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createWorkspace',
        summary: 'Create a workspace',
        description: 'A new, empty workspace; `conflict` when the name is taken.',
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
        description: 'Keys of every workspace, or of one; never their secrets.',
        tags: ['admin'],
        querystring: z.object({
          workspace_id: workspaceName.optional().meta({ description: 'Only the keys of this workspace.' }),
        }),
        response: {
          200: z.object({ keys: z.array(apiKey) }).meta({ description: 'The keys.' }),
          ...errors(['invalid_input']),
        },
      },
    },
    async (request) => {
      const { workspace_id } = request.query;
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
          'A new key for a workspace (created when it does not exist). The key is in this answer only: it is stored as a hash and cannot be shown again.',
        tags: ['admin'],
        body: z.strictObject({
          workspace_id: workspaceName,
          admin: z
            .boolean()
            .default(false)
            .meta({ description: 'Manages workspaces and keys (default false).' }),
          label: keyLabel.optional(),
        }),
        response: {
          201: apiKey
            .extend({
              key: z.string().meta({ description: 'The key: `pdk_<id>_<secret>`. Shown once.' }),
            })
            .meta({ description: 'Created.' }),
          ...errors([]),
        },
      },
    },
    async (request, reply) => {
      const { workspace_id, admin, label } = request.body;
      const { key, apiKey: created } = await issueKey(store, {
        workspace_id,
        admin,
        label: label ?? null,
        by: principalOf(request).key.id,
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
        description: 'The key is refused from now on (it stays listed, with `revoked_at`).',
        tags: ['admin'],
        params: keyParams,
        response: {
          204: z.null().meta({ description: 'Revoked.' }),
          ...errors(['not_found']),
        },
      },
    },
    async (request, reply) => {
      const result = await revokeKey(store, request.params.id, principalOf(request).key.id);
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
          'Management actions, newest first: which key did what to which target, when. Never holds a secret.',
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
          ...errors(['invalid_input']),
        },
      },
    },
    async (request) => {
      const { workspace_id, limit, cursor } = request.query;
      return store.listAudit({
        limit,
        ...(workspace_id ? { workspace_id } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
  );
}
