/**
 * A small harness that runs workflows with n8n's own engine (n8n-core's WorkflowExecute and node contexts,
 * n8n-workflow's Workflow), since n8n's test harness is not published. It loads an n8n community package the
 * way n8n does (the `n8n` field of its package.json; n8n's node_modules on the module paths, so that the
 * package's `require('n8n-workflow')` is n8n's own), keeps credentials in memory (OAuth2 token updates
 * included), and drives the webhook lifecycle of a trigger node (checkExists, create, delete, deliveries) as
 * n8n's CLI does.
 *
 * The engine comes from the adapter's development package (adapters/n8n: n8n-core and n8n-workflow pinned,
 * with their zod 3, installed by `npm run n8n-engine`, which `npm test` and `npm run typecheck` run), or from
 * another n8n install (the benchmark uses the real n8n in the cache) via `engineFrom(dir)`.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CoreApi,
  IConnections,
  ICredentialDataDecryptedObject,
  ICredentialType,
  IDataObject,
  IHttpRequestOptions,
  INode,
  INodeCredentialsDetails,
  INodeExecutionData,
  INodeListSearchResult,
  INodeParameters,
  INodeType,
  INodeTypes,
  IRun,
  IRunExecutionData,
  ITaskData,
  IWebhookData,
  IWebhookResponseData,
  IWorkflowExecuteAdditionalData,
  WorkflowApi,
} from '../../adapters/n8n/engine-types.js';

export interface Engine {
  core: CoreApi;
  workflow: WorkflowApi;
  /** The node_modules folder the engine's packages live in. */
  nodeModules: string;
}

const DEV_ENGINE = fileURLToPath(new URL('../../adapters/n8n/package.json', import.meta.url));

/** n8n's engine from the folder of an install (a package.json whose dependencies include n8n-core). */
export function engineFrom(packageJson: string = DEV_ENGINE): Engine {
  const load = createRequire(packageJson);
  try {
    load.resolve('n8n-core');
  } catch {
    throw new Error(
      packageJson === DEV_ENGINE
        ? "n8n's engine is not installed: run `npm run n8n-engine` (npm test and npm run typecheck run it)"
        : `no n8n-core in the install of ${packageJson}`,
    );
  }
  const core = load('n8n-core') as CoreApi;
  const workflow = load('n8n-workflow') as WorkflowApi;
  const nodeModules = dirname(dirname(load.resolve('n8n-workflow/package.json')));
  // What n8n does before it loads community packages: its own node_modules on the global module paths.
  process.env.NODE_PATH = [nodeModules, process.env.NODE_PATH].filter(Boolean).join(delimiter);
  (Module as unknown as { _initPaths(): void })._initPaths();
  return { core, workflow, nodeModules };
}

export interface LoadedPackage {
  name: string;
  /** Node types by their full name (`<package>.<node>`). */
  nodes: Record<string, INodeType>;
  credentials: Record<string, ICredentialType>;
}

/** Load a community package the way n8n does: every file its `n8n` field lists, one class each. */
export function loadPackage(dir: string): LoadedPackage {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    n8n: { nodes: string[]; credentials: string[] };
  };
  const load = createRequire(join(dir, 'package.json'));
  const instances = (files: string[]) =>
    files.map((file) => {
      const exports = load(join(dir, file)) as Record<string, new () => unknown>;
      const className = (file.split('/').pop() as string).split('.')[0] as string;
      const Class = exports[className];
      if (!Class) throw new Error(`${file} exports no class ${className}`);
      return new Class();
    });
  const nodes = Object.fromEntries(
    (instances(pkg.n8n.nodes) as INodeType[]).map((node) => [`${pkg.name}.${node.description.name}`, node]),
  );
  const credentials = Object.fromEntries(
    (instances(pkg.n8n.credentials) as ICredentialType[]).map((c) => [c.name, c]),
  );
  return { name: pkg.name, nodes, credentials };
}

/** Credentials kept in memory by type, as n8n's credentials helper would decrypt them. */
export function credentialsHelper(engine: Engine, types: Record<string, ICredentialType>) {
  const store = new Map<string, ICredentialDataDecryptedObject>();
  const parents = (name: string): string[] => {
    const extended = types[name]?.extends ?? [];
    return [...extended, ...extended.flatMap(parents)];
  };
  class MemoryCredentials extends engine.workflow.ICredentialsHelper {
    store = store;
    /** OAuth2 token updates n8n asked to store (a refresh). */
    tokenUpdates: ICredentialDataDecryptedObject[] = [];
    getParentTypes(name: string): string[] {
      return parents(name);
    }
    isCredentialUsableByNode(): boolean {
      return true;
    }
    async authenticate(
      credentials: ICredentialDataDecryptedObject,
      typeName: string,
      requestOptions: IHttpRequestOptions,
    ): Promise<IHttpRequestOptions> {
      const authenticate = types[typeName]?.authenticate;
      if (typeof authenticate === 'function') return authenticate(credentials, requestOptions);
      if (authenticate?.type !== 'generic') return requestOptions;
      // Generic authentication (headers, query, body, auth of the credential type) with its
      // `={{$credentials.<field>}}` values: what n8n's credentials helper resolves for n8n's own nodes.
      const resolve = (value: unknown) => {
        const field =
          typeof value === 'string' ? /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value)?.[1] : undefined;
        return field ? credentials[field] : value;
      };
      const resolved = { ...requestOptions } as Record<string, unknown>;
      for (const [where, values] of Object.entries(authenticate.properties)) {
        const entries = Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, resolve(v)]);
        resolved[where] = { ...(resolved[where] as object | undefined), ...Object.fromEntries(entries) };
      }
      return resolved as unknown as IHttpRequestOptions;
    }
    async preAuthentication() {
      return undefined;
    }
    async runPreAuthentication() {
      return undefined;
    }
    async getCredentials(details: INodeCredentialsDetails) {
      return new engine.core.Credentials(details, '', '');
    }
    async getDecrypted(
      _data: IWorkflowExecuteAdditionalData,
      _details: INodeCredentialsDetails,
      type: string,
    ) {
      const found = store.get(type);
      if (!found) throw new Error(`No credentials of type ${type}`);
      // Hidden fields (OAuth URLs) come from the type's defaults, as in n8n; stored values win.
      const defaults = Object.fromEntries(
        [type, ...parents(type)]
          .flatMap((name) => types[name]?.properties ?? [])
          .filter((p) => p.type === 'hidden')
          .map((p) => [p.name, p.default]),
      ) as ICredentialDataDecryptedObject;
      return structuredClone({ ...defaults, ...found });
    }
    async updateCredentials(
      _details: INodeCredentialsDetails,
      type: string,
      data: ICredentialDataDecryptedObject,
    ) {
      store.set(type, data);
    }
    async updateCredentialsOauthTokenData(
      _details: INodeCredentialsDetails,
      type: string,
      data: ICredentialDataDecryptedObject,
    ) {
      this.tokenUpdates.push(data);
      store.set(type, {
        ...store.get(type),
        oauthTokenData: data.oauthTokenData as ICredentialDataDecryptedObject,
      });
    }
    getCredentialsProperties(type: string) {
      return types[type]?.properties ?? [];
    }
  }
  return new MemoryCredentials();
}

/** n8n's OAuth2 base credential, as far as the harness needs it (its fields are n8n's own). */
const OAUTH2_BASE: ICredentialType = {
  name: 'oAuth2Api',
  displayName: 'OAuth2 API',
  properties: [],
};

export interface Harness {
  engine: Engine;
  pkg: LoadedPackage;
  credentials: ReturnType<typeof credentialsHelper>;
  nodeTypes: INodeTypes;
  additionalData: IWorkflowExecuteAdditionalData;
}

export const WEBHOOK_BASE = 'http://127.0.0.1:5678/webhook';

export function createHarness(engine: Engine, packages: LoadedPackage[]): Harness {
  const nodes = Object.assign({}, ...packages.map((p) => p.nodes)) as Record<string, INodeType>;
  const types = Object.assign({ oAuth2Api: OAUTH2_BASE }, ...packages.map((p) => p.credentials)) as Record<
    string,
    ICredentialType
  >;
  const nodeTypes: INodeTypes = {
    getByName(type) {
      const found = nodes[type];
      if (!found) throw new Error(`Unknown node type ${type}`);
      return found;
    },
    getByNameAndVersion(type, version) {
      return engine.workflow.NodeHelpers.getVersionedNodeType(this.getByName(type), version);
    },
    getKnownTypes() {
      return {};
    },
  };
  const credentials = credentialsHelper(engine, types);
  const additionalData = {
    credentialsHelper: credentials,
    hooks: undefined,
    executeWorkflow: async () => {
      throw new Error('not in the harness');
    },
    getRunExecutionData: async () => undefined,
    currentNodeExecutionIndex: 0,
    restApiUrl: 'http://127.0.0.1:5678/rest',
    instanceBaseUrl: 'http://127.0.0.1:5678',
    formBaseUrl: 'http://127.0.0.1:5678/form',
    formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
    formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
    webhookBaseUrl: WEBHOOK_BASE,
    webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
    webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
    mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
    mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
    variables: {},
    logAiEvent: () => {},
  } as unknown as IWorkflowExecuteAdditionalData;
  return { engine, pkg: packages[0] as LoadedPackage, credentials, nodeTypes, additionalData };
}

export interface NodeSpec {
  name?: string;
  type: string;
  /** The node type's version (default 1). */
  typeVersion?: number;
  parameters: INodeParameters;
  credentials?: INode['credentials'];
  continueOnFail?: boolean;
  /** A trigger node's webhook ID (n8n gives each webhook node one): its URL is `<base>/<webhookId>/<path>`. */
  webhookId?: string;
}

/** A workflow of nodes in a row, the first one given `input`. */
/** Workflow settings the harness sets: the time zone (n8n's default when omitted). */
export interface WorkflowOptions {
  timezone?: string;
}

export function workflowOf(
  harness: Harness,
  specs: NodeSpec[],
  staticData?: IDataObject,
  options: WorkflowOptions = {},
) {
  const nodes: INode[] = specs.map((spec, index) => ({
    id: `node-${index}`,
    name: spec.name ?? `Node ${index}`,
    type: spec.type,
    typeVersion: spec.typeVersion ?? 1,
    position: [index * 200, 0],
    parameters: spec.parameters,
    ...(spec.credentials ? { credentials: spec.credentials } : {}),
    ...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
    ...(spec.webhookId ? { webhookId: spec.webhookId } : {}),
  }));
  const connections: IConnections = {};
  for (let i = 0; i < nodes.length - 1; i++) {
    connections[(nodes[i] as INode).name] = {
      main: [[{ node: (nodes[i + 1] as INode).name, type: 'main', index: 0 }]],
    };
  }
  return new harness.engine.workflow.Workflow({
    id: 'harness',
    nodes,
    connections,
    nodeTypes: harness.nodeTypes,
    active: false,
    settings: { executionOrder: 'v1', ...(options.timezone ? { timezone: options.timezone } : {}) },
    ...(staticData ? { staticData } : {}),
  });
}

/**
 * A dropdown's search (the node's `listSearch` method), through n8n-core's own load-options context for the node
 * of `spec`: the editor sends the node's parameters with their defaults, as the Workflow has them.
 */
export function searchList(
  harness: Harness,
  spec: NodeSpec,
  method: string,
  filter?: string,
  token?: string,
): Promise<INodeListSearchResult> {
  const workflow = workflowOf(harness, [spec]);
  const node = workflow.getNode('Node 0') as INode;
  const context = new harness.engine.core.LoadOptionsContext(
    workflow,
    node,
    { ...harness.additionalData, currentNodeParameters: node.parameters },
    'parameters',
  );
  const listSearch = harness.nodeTypes.getByNameAndVersion(spec.type, 1).methods?.listSearch?.[method];
  if (!listSearch) throw new Error(`${spec.type} has no listSearch ${method}`);
  return listSearch.call(context, filter, token);
}

export interface RunResult {
  run: IRun;
  /** The output items of each node, by node name (first run, first output). */
  output: Record<string, INodeExecutionData[]>;
  /** The error the run ended with, if any. */
  error: IRun['data']['resultData']['error'];
}

/** Run a workflow with n8n-core's WorkflowExecute, starting at its first node with `input`. */
export async function runWorkflow(
  harness: Harness,
  specs: NodeSpec[],
  input: INodeExecutionData[] = [{ json: {} }],
  options: WorkflowOptions = {},
): Promise<RunResult> {
  const { core } = harness.engine;
  const workflow = workflowOf(harness, specs, undefined, options);
  const hooks = new core.ExecutionLifecycleHooks('manual', 'harness-execution', {
    id: 'harness',
    name: 'harness',
    active: false,
    isArchived: false,
    activeVersionId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    nodes: [],
    connections: {},
  } as never);
  const additionalData = { ...harness.additionalData, hooks } as IWorkflowExecuteAdditionalData;
  const first = workflow.getNode(specs[0]?.name ?? 'Node 0') as INode;
  const runExecutionData: IRunExecutionData = harness.engine.workflow.createRunExecutionData({
    executionData: {
      nodeExecutionStack: [{ node: first, data: { main: [input] }, source: null }],
    },
  });
  const execute = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
  const run = await execute.processRunExecutionData(workflow);
  const output: Record<string, INodeExecutionData[]> = {};
  for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
    output[name] = (tasks as ITaskData[])[0]?.data?.main?.[0] ?? [];
  }
  return { run, output, error: run.data.resultData.error };
}

/** A trigger node's webhook, as n8n's CLI registers it on activation. */
export function webhookOf(harness: Harness, spec: NodeSpec, staticData: IDataObject) {
  const { core, workflow: wf } = harness.engine;
  const workflow = workflowOf(harness, [spec], staticData);
  const node = workflow.getNode(spec.name ?? 'Node 0') as INode;
  const nodeType = harness.nodeTypes.getByNameAndVersion(spec.type, 1);
  const description = nodeType.description.webhooks?.[0];
  const methods = nodeType.webhookMethods?.default;
  if (!description || !methods) throw new Error(`${spec.type} has no webhook`);
  const path = wf.NodeHelpers.getNodeWebhookPath(workflow.id, node, description.path, description.isFullPath);
  const webhook: IWebhookData = {
    httpMethod: description.httpMethod as IWebhookData['httpMethod'],
    node: node.name,
    path,
    webhookDescription: description,
    workflowId: workflow.id,
    workflowExecuteAdditionalData: harness.additionalData,
    ...(node.webhookId ? { webhookId: node.webhookId } : {}),
  };
  const hook = () =>
    new core.HookContext(workflow, node, harness.additionalData, 'trigger', 'activate', webhook);
  return {
    workflow,
    url: `${WEBHOOK_BASE}/${path}`,
    /** The node's static data, where it keeps its webhook (n8n stores it with the workflow). */
    nodeState: () => workflow.staticData[`node:${node.name}`] as IDataObject | undefined,
    checkExists: () => methods.checkExists.call(hook()),
    create: () => methods.create.call(hook()),
    delete: () => methods.delete.call(hook()),
    /** One delivery through the node's `webhook()`: the node's answer, or the response it sent itself. */
    async deliver(request: { headers: Record<string, string>; body: unknown }) {
      const sent: { status?: number; body?: unknown } = {};
      const res = {
        status(code: number) {
          sent.status = code;
          return res;
        },
        json(body: unknown) {
          sent.body = body;
          return res;
        },
        send(body: unknown) {
          sent.body = body;
          return res;
        },
        end() {
          return res;
        },
      };
      const req = {
        headers: request.headers,
        body: request.body,
        rawBody: Buffer.from(JSON.stringify(request.body)),
      };
      const additionalData = { ...harness.additionalData, httpRequest: req, httpResponse: res } as never;
      const context = new core.WebhookContext(workflow, node, additionalData, 'webhook', webhook, [], null);
      const answer = (await nodeType.webhook?.call(context)) as IWebhookResponseData;
      return { answer, sent };
    },
  };
}

/** A polling trigger node's `poll()`, as n8n's poller calls it on each interval, with the workflow's static data. */
export function pollerOf(harness: Harness, spec: NodeSpec, staticData: IDataObject) {
  const workflow = workflowOf(harness, [spec], staticData);
  const node = workflow.getNode(spec.name ?? 'Node 0') as INode;
  const nodeType = harness.nodeTypes.getByNameAndVersion(spec.type, 1);
  if (!nodeType.poll) throw new Error(`${spec.type} does not poll`);
  const poll = nodeType.poll;
  return {
    nodeState: () => workflow.staticData[`node:${node.name}`] as IDataObject | undefined,
    /** One poll in `mode` (`trigger`: the active workflow's poller; `manual`: the editor's test). */
    poll(mode: 'trigger' | 'manual' = 'trigger') {
      const context = new harness.engine.core.PollContext(
        workflow,
        node,
        harness.additionalData,
        mode,
        'activate',
      );
      return poll.call(context);
    },
  };
}
