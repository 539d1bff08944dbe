/**
 * `npx pipedrive-connector ...`: the connector from a shell. Lists and describes operations and triggers,
 * runs an operation with an API token (PIPEDRIVE_API_TOKEN) or a connection stored by the host, streams all
 * the records of a list as NDJSON, and manages the host's API keys. Results go to stdout; messages, progress and
 * errors to stderr.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import connector, { CallTally, CONNECTOR_VERSION, fileFields, isFileOutput } from '../index.js';
import { registry } from '../operations/index.js';
import type { CallContext, Logger } from '../runtime/context.js';
import { ConnectorError, type ErrorCode } from '../runtime/errors.js';
import { fileFromPath } from '../runtime/files.js';
import { type SchemaNode, schemaType } from '../runtime/json-schema.js';
import { type OperationEntry, type TriggerEntry, tokenCostText } from '../runtime/manifest.js';
import type { PageState } from '../runtime/paginate.js';
import { escapeControls } from '../runtime/text.js';
import { validateInput } from '../runtime/validate.js';
import { loadConfig } from './config.js';
import { issueKey, revokeKey } from './keys.js';
import { mcpSetupText } from './mcp-setup.js';
import { keyLabel, workspaceName } from './resources.js';
import type { ApiKey } from './store/types.js';

/**
 * The host's store (SQLite, PostgreSQL and pg-boss behind it), for the commands that read or write it
 * (`--connection`, `keys`): loaded by them, not by every start, so that `mcp` and `call` with a token start sooner.
 */
const hostStore = () => import('./cli-store.js');

/** Exit codes: 0 done; 2 bad usage, or an error of these codes (bad input, nothing was sent); 1 anything else. */
const USAGE_CODES = new Set<ErrorCode>(['invalid_input', 'unknown_operation']);

const HELP_AFTER = `
Authentication (call):
  PIPEDRIVE_API_TOKEN    a personal API token; PIPEDRIVE_API_URL sets the API base (default https://api.pipedrive.com)
  --connection <id>      a connection stored by the host instead, read-only from DATABASE_URL with
                         CONNECTOR_SECRET_KEY (or <data dir>/secret.key), as the host is configured

Host API keys (keys create, keys list, keys revoke):
  written to the host's store (DATABASE_URL, CONNECTOR_SECRET_KEY, as the host is configured); a new key is
  printed once, alone on stdout, and only its SHA-256 is stored

Exit codes:
  0  done
  2  bad usage or bad input (invalid_input, unknown_operation): nothing was sent to Pipedrive
  1  any other error (unauthorized, not_found, rate_limited, upstream_error, timeout, ...)

Errors are written to stderr as "error: <code>: <message>", followed by the fields at fault.`;

// ---------- the process: streams and environment ----------

/** What a run of the CLI reads and writes instead of the process's own (tests pass in-memory ones). */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

/** The streams of the run in progress: each `run` has its own, so that runs in one process do not mix. */
const cliIo = new AsyncLocalStorage<CliIo>();
const io = (): CliIo => cliIo.getStore() ?? processIo();

// ---------- output ----------

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    io().stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * JSON text for stdout. JSON.stringify leaves DEL, the C1 controls and the bidi controls raw in strings; they are
 * written as `\uXXXX` escapes instead, which parse to the same value and do nothing to a terminal.
 */
const jsonLine = (value: unknown, indent = 0) =>
  `${escapeControls(JSON.stringify(value, null, indent), true)}\n`;
const json = (value: unknown, compact: boolean) => jsonLine(value, compact ? 0 : 2);

/**
 * Rows as aligned columns (the last one free). Every cell is text of others (labels, titles, descriptions): its
 * control characters are escaped, so that none moves the cursor, clears the line or reorders what is shown.
 */
function table(cells: string[][]): string {
  const rows = cells.map((row) => row.map((cell) => escapeControls(cell)));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

function stderrLogger(): Logger {
  const say = (level: string) => (obj: object | string, msg?: string) => {
    io().stderr.write(`${level}: ${typeof obj === 'string' ? obj : (msg ?? JSON.stringify(obj))}\n`);
  };
  const quiet = () => {};
  return { debug: quiet, info: quiet, warn: say('warning'), error: say('error') };
}

// ---------- commands ----------

const fullPath = (op: OperationEntry) =>
  `${op.method === 'ANY' ? '' : op.api === 'v1' ? '/v1' : '/api/v2'}${op.path}`;

function operationEntry(name: string): OperationEntry {
  const { operation } = registry.resolve(name);
  return connector.manifest.operations.find((op) => op.name === operation.name) as OperationEntry;
}

async function listOperations(options: { resource?: string; json?: boolean }) {
  const all = connector.manifest.operations;
  const ops = options.resource ? all.filter((op) => op.resource === options.resource) : all;
  if (ops.length === 0) {
    const resources = [...new Set(all.map((op) => op.resource))].sort().join(', ');
    throw new ConnectorError('invalid_input', `No resource "${options.resource}". Resources: ${resources}.`, {
      issues: [{ path: 'resource', message: 'is not a resource' }],
    });
  }
  if (options.json) {
    const rows = ops.map((op) => ({ name: op.name, method: op.method, path: fullPath(op), title: op.title }));
    return write(json(rows, false));
  }
  return write(table(ops.map((op) => [op.name, op.method, fullPath(op), op.title])));
}

async function describeOperation(name: string, options: { json?: boolean }) {
  const op = operationEntry(name);
  if (options.json) return write(json(op, false));
  const schema = op.input_schema as SchemaNode;
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([field, prop]) => [
    field,
    schemaType(prop),
    required.has(field) ? 'required' : '',
    String(prop.description ?? prop.title ?? '').replace(/\s+/g, ' '),
  ]);
  const list = registry.get(op.name)?.pagination
    ? '\nA list: `call --all` streams every record (input `max_items` caps them).\n'
    : '';
  const lines = [
    `${op.name}: ${op.title}`,
    `${op.method} ${fullPath(op)} · resource ${op.resource} · OAuth scopes: ${op.scopes.join(', ') || 'none'}`,
    `Token cost: ${tokenCostText(op)}${registry.get(op.name)?.pagination ? ' per page' : ''}`,
    '',
    op.description,
    list,
    'Input fields:',
    fields.length > 0 ? table([['field', 'type', 'required', 'description'], ...fields]) : '  (none)\n',
    'Sample input:',
    json(op.sample ?? {}, false),
  ];
  return write(lines.join('\n'));
}

/** The event a trigger listens to; one whose action and object are its input says so. */
function triggerEvent(t: TriggerEntry): string {
  if ((t.event_action ?? null) === null && (t.event_object ?? null) === null) return 'any, set in input';
  return `${t.event_action ?? '(input event_action)'}.${t.event_object ?? '(input event_object)'}`;
}

async function listTriggers(options: { json?: boolean }) {
  const triggers = connector.manifest.triggers;
  if (options.json) {
    return write(
      json(
        triggers.map(({ name, title, event_action, event_object }) => ({
          name,
          title,
          event_action,
          event_object,
        })),
        false,
      ),
    );
  }
  return write(table(triggers.map((t) => [t.name, triggerEvent(t), t.title])));
}

interface CallOptions {
  input?: string;
  inputFile?: string;
  connection?: string;
  workspace?: string;
  all?: boolean;
  compact?: boolean;
  usage?: boolean;
  file?: string;
  output?: string;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectorError('invalid_input', `${source} is not JSON: ${(error as Error).message}`, {
      issues: [{ path: '', message: 'is not JSON' }],
    });
  }
}

async function readInput(options: CallOptions): Promise<unknown> {
  if (options.inputFile !== undefined) {
    const file = options.inputFile;
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (error) {
      throw new ConnectorError(
        'invalid_input',
        `Cannot read --input-file ${file}: ${(error as Error).message}`,
      );
    }
    return parseJson(text, `--input-file ${file}`);
  }
  return options.input === undefined ? {} : parseJson(options.input, '--input');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io().stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function callContext(options: CallOptions): Promise<CallContext> {
  const config = loadConfig(io().env);
  const logger = stderrLogger();
  if (options.connection) {
    const { cliAuth, readConnection } = await hostStore();
    const connection = await readConnection(config, options.connection);
    // Confined to one workspace, a connection of another is not found, exactly as through an API key.
    if (options.workspace !== undefined && connection.workspace_id !== options.workspace) {
      throw new ConnectorError('not_found', `Connection ${options.connection} not found.`, {
        connection_id: options.connection,
      });
    }
    return {
      auth: cliAuth(connection),
      logger,
      cacheKey: connection.id,
      maxFileBytes: config.maxFileBytes,
    };
  }
  const apiToken = io().env.PIPEDRIVE_API_TOKEN;
  if (!apiToken) {
    throw new ConnectorError(
      'invalid_input',
      'No credentials: set PIPEDRIVE_API_TOKEN (a personal API token), or pass --connection <id> of a connection stored by the host.',
    );
  }
  return {
    auth: { type: 'api_token', apiToken, apiUrl: config.apiUrl },
    logger,
    maxFileBytes: config.maxFileBytes,
  };
}

/** Files this large or larger get progress lines on stderr as they go. */
const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;
const MIB = 1024 * 1024;

/** A progress reporter for a transfer: a line at most every half second (one line, redrawn, on a terminal). */
function transferProgress(verb: string) {
  const tty = io().stderr.isTTY === true;
  let last = 0;
  let shown = false;
  const line = (done: number, total?: number) =>
    `progress: ${verb} ${(done / MIB).toFixed(1)} MiB${total ? ` of ${(total / MIB).toFixed(1)} MiB` : ''}`;
  return {
    update(done: number, total?: number) {
      if ((total ?? done) < PROGRESS_FROM_BYTES || Date.now() - last < 500) return;
      last = Date.now();
      shown = true;
      io().stderr.write(tty ? `\r\x1b[2K${line(done, total)}` : `${line(done, total)}\n`);
    },
    finish(done: number) {
      if (shown) io().stderr.write(tty ? `\r\x1b[2K${line(done)}, done\n` : `${line(done)}, done\n`);
    },
  };
}

/** `--file`: the input with the file (read lazily from disk) in the operation's file field. */
async function withFile(name: string, input: unknown, path: string): Promise<unknown> {
  const fields = fileFields(operationEntry(name).input_schema);
  const [field] = fields;
  if (!field) {
    throw new ConnectorError('invalid_input', `${name} takes no file: --file is for the upload operations.`, {
      issues: [{ path: '--file', message: 'is not taken by this operation' }],
    });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  let file: Awaited<ReturnType<typeof fileFromPath>>;
  try {
    file = await fileFromPath(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConnectorError('invalid_input', `Cannot read --file ${path} (${reason}).`, {
      issues: [{ path: '--file', message: 'cannot be read' }],
    });
  }
  const given = (input as Record<string, unknown>)[field.name];
  // A name or type given in the input's file field (without its bytes) names the file.
  const meta = given && typeof given === 'object' ? (given as Record<string, unknown>) : {};
  return { ...input, [field.name]: { ...file, ...meta } };
}

/** A downloaded file to `--output` (- for stdout); its name, type, size and where it went on stdout. */
async function saveFile(
  output: { data: NodeJS.ReadableStream; name: string; type: string; size?: number },
  target: string,
  compact: boolean,
) {
  const progress = transferProgress('downloaded');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      progress.update(bytes, output.size);
      done(null, chunk);
    },
  });
  if (target === '-') {
    await pipeline(output.data, count, io().stdout, { end: false });
    return;
  }
  await pipeline(output.data, count, createWriteStream(target));
  progress.finish(bytes);
  const { name, type } = output;
  return write(json({ name, type, size: bytes, path: target }, compact));
}

/**
 * NDJSON on stdout, one record a line; on stderr a progress line each time a page after the first is read (the
 * records and pages read before it), and a summary at the end.
 */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function streamAll(name: string, input: unknown, ctx: CallContext) {
  const progress: PageState = { next: null, pages: 0 };
  const tty = io().stderr.isTTY === true;
  const report = (text: string, final = false) =>
    io().stderr.write(tty ? `\r\x1b[2K${text}${final ? '\n' : ''}` : `${text}\n`);
  let records = 0;
  let pages = 0;
  for await (const record of connector.stream(name, input, ctx, progress)) {
    if (progress.pages !== pages) {
      pages = progress.pages;
      if (pages > 1) report(`progress: ${records} records from ${plural(pages - 1, 'page')} so far`);
    }
    records += 1;
    await write(jsonLine(record));
  }
  const more = progress.next === null ? '' : `; more remain (continue with cursor ${progress.next})`;
  report(`done: ${plural(records, 'record')}, ${plural(progress.pages, 'page')}${more}`, true);
}

/** `usage: 25 tokens in 2 calls; daily budget 150 of 1000 tokens left (85% used: low)`. */
export function usageLine(usage: ReturnType<CallTally['summary']>): string {
  const unpriced = usage.unpriced_calls > 0 ? ` (+${usage.unpriced_calls} of unknown cost)` : '';
  const calls = `${usage.tokens} token${usage.tokens === 1 ? '' : 's'} in ${usage.calls} call${usage.calls === 1 ? '' : 's'}${unpriced}`;
  const { budget } = usage;
  if (!budget || budget.limit === null || budget.remaining === null) {
    return `usage: ${calls}; daily budget not told by Pipedrive${usage.state === 'spent' ? ' (spent)' : ''}`;
  }
  const share = usage.used_share === null ? '' : `${Math.round(usage.used_share * 100)}% used: `;
  return `usage: ${calls}; daily budget ${budget.remaining} of ${budget.limit} tokens left (${share}${usage.state})`;
}

async function call(name: string, options: CallOptions) {
  // An unknown name or a bad input is reported before credentials are looked for.
  registry.resolve(name);
  const answersFile = operationEntry(name).output_schema['x-binary'] !== undefined;
  if (options.output !== undefined && !answersFile) {
    throw new ConnectorError('invalid_input', `${name} answers JSON: --output is for download operations.`, {
      issues: [{ path: '--output', message: 'is not taken by this operation' }],
    });
  }
  if (answersFile && options.output === undefined) {
    throw new ConnectorError(
      'invalid_input',
      `${name} answers a file: name where it goes with --output <file> (- for stdout).`,
      { issues: [{ path: '--output', message: 'is required' }] },
    );
  }
  let input = await readInput(options);
  if (options.file !== undefined) input = await withFile(name, input, options.file);
  const base = await callContext(options);
  const tally = new CallTally();
  const ctx: CallContext = options.usage ? { ...base, onUsage: tally.record } : base;
  try {
    if (options.all) return await streamAll(name, input, ctx);
    if (options.file !== undefined) {
      const progress = transferProgress('uploaded');
      let sent = 0;
      ctx.onUploadProgress = ({ transferred, total }) => {
        sent = transferred;
        progress.update(transferred, total);
      };
      const output = await connector.execute(name, input, ctx);
      progress.finish(sent);
      return await write(json(output, options.compact === true));
    }
    const output = await connector.execute(name, input, ctx);
    if (isFileOutput(output))
      return await saveFile(output, options.output as string, options.compact === true);
    return await write(json(output, options.compact === true));
  } finally {
    if (options.usage) io().stderr.write(`${usageLine(tally.summary())}\n`);
  }
}

// ---------- host API keys ----------

/** A key's role: a member of its workspace, its admin, or the host's operator. */
const roleOf = (key: Pick<ApiKey, 'admin' | 'operator'>) =>
  key.operator ? 'operator' : key.admin ? 'admin' : 'member';

const keyId = z
  .string()
  .regex(/^[a-z2-7]{12}$/, 'must be a key id: 12 characters a-z and 2-7 (see keys list)');

async function createKey(options: {
  workspace?: string;
  admin?: boolean;
  operator?: boolean;
  label?: string;
}) {
  const request = validateInput(
    z.object({
      workspace: workspaceName,
      admin: z.boolean().optional(),
      operator: z.boolean().optional(),
      label: keyLabel.optional(),
    }),
    options,
    'keys create',
  );
  const { withHostStore } = await hostStore();
  const { key, apiKey } = await withHostStore(loadConfig(io().env), (store) =>
    issueKey(store, {
      workspace_id: request.workspace,
      admin: request.admin === true,
      operator: request.operator === true,
      label: request.label ?? null,
      by: null,
    }),
  );
  io().stderr.write(
    `Created ${roleOf(apiKey) === 'member' ? '' : `${roleOf(apiKey)} `}key ${apiKey.id} for workspace ${apiKey.workspace_id}. It is shown only this once.\n`,
  );
  return write(`${key}\n`);
}

async function listKeys(options: { workspace?: string; json?: boolean }) {
  const filter = validateInput(z.object({ workspace: workspaceName.optional() }), options, 'keys list');
  const { withHostStore } = await hostStore();
  const keys: ApiKey[] = await withHostStore(loadConfig(io().env), (store) =>
    store.listApiKeys(filter.workspace === undefined ? {} : { workspace_id: filter.workspace }),
  );
  if (options.json) return write(json(keys, false));
  const rows = keys.map((k) => [
    k.id,
    k.workspace_id,
    roleOf(k),
    k.label ?? '-',
    k.created_at,
    k.last_used_at ?? '-',
    k.revoked_at ?? '-',
  ]);
  return write(table([['id', 'workspace', 'role', 'label', 'created', 'last used', 'revoked'], ...rows]));
}

async function revokeKeyCommand(id: string) {
  validateInput(z.object({ id: keyId }), { id }, 'keys revoke');
  const { withHostStore } = await hostStore();
  const result = await withHostStore(loadConfig(io().env), (store) => revokeKey(store, id, null));
  if (!result) throw new ConnectorError('not_found', `Key ${id} not found.`, { key_id: id });
  const { apiKey, revoked } = result;
  io().stderr.write(
    revoked
      ? `Revoked key ${id} of workspace ${apiKey.workspace_id}.\n`
      : `Key ${id} of workspace ${apiKey.workspace_id} was revoked already (${apiKey.revoked_at}).\n`,
  );
}

interface McpOptions {
  connection?: string;
  workspace?: string;
  readOnly?: boolean;
  toolsets?: string;
}

/** `mcp`: the tools on stdin/stdout until stdin ends; only MCP messages on stdout, messages on stderr. */
async function serveMcp(options: McpOptions) {
  const { checkToolsets, parseToolsets, serveMcpStdio } = await import('../adapters/mcp/index.js');
  const toolsets = parseToolsets(options.toolsets);
  checkToolsets(toolsets);
  // Run by hand (a terminal, or no credentials yet): how a client starts it, to paste; then the error, if any.
  const byHand = io().stdin.isTTY === true;
  if (byHand || (!options.connection && !io().env.PIPEDRIVE_API_TOKEN)) {
    io().stderr.write(mcpSetupText(options));
  }
  const ctx = await callContext(options);
  if (byHand) io().stderr.write('Serving on stdin/stdout now; Ctrl-D ends it.\n');
  await serveMcpStdio({
    context: () => ctx,
    readOnly: options.readOnly === true,
    toolsets,
    ...(ctx.logger ? { logger: ctx.logger } : {}),
  });
}

// ---------- program ----------

export function program(): Command {
  const cli = new Command('pipedrive-connector')
    .description(`Pipedrive connector ${CONNECTOR_VERSION}: list, describe and run its operations.`)
    .version(CONNECTOR_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({
      writeOut: (text) => io().stdout.write(text),
      writeErr: (text) => io().stderr.write(text),
    })
    .exitOverride();

  cli
    .command('operations')
    .description('list the operations: name, method, path, title')
    .option('-r, --resource <resource>', 'only the operations of one resource (e.g. deals, persons)')
    .option('--json', 'as a JSON array')
    .action(listOperations);

  cli
    .command('describe')
    .description("an operation's input fields (type, required, description) and a sample input")
    .argument('<operation>', 'operation name, e.g. add_deal')
    .option('--json', 'the manifest entry as JSON (input and output JSON Schemas, sample)')
    .action(describeOperation);

  cli
    .command('call')
    .description('run an operation; prints its output as JSON')
    .argument('<operation>', 'operation name, e.g. list_deals')
    .addOption(new Option('-i, --input <json>', 'the input, e.g. \'{"id": 42}\'').conflicts('inputFile'))
    .option('-f, --input-file <file>', 'read the input from a JSON file (- for stdin)')
    .option('-c, --connection <id>', 'use a connection stored by the host instead of PIPEDRIVE_API_TOKEN')
    .option('-w, --workspace <name>', 'with --connection: only a connection of this workspace')
    .option('-a, --all', 'list and search operations: stream every record as NDJSON, progress on stderr')
    .option(
      '--file <path>',
      "upload operations: the file for the operation's file field (streamed from disk)",
    )
    .option('-o, --output <path>', 'download operations: where the file goes (- for stdout)')
    .option('--compact', 'JSON on one line')
    .option('-u, --usage', "after the output, the call's token usage and the daily budget on stderr")
    .action(call);

  cli
    .command('mcp')
    .description('serve the operations and lookups as MCP tools on stdin/stdout (see docs/mcp.md)')
    .option('-c, --connection <id>', 'use a connection stored by the host instead of PIPEDRIVE_API_TOKEN')
    .option('-w, --workspace <name>', 'with --connection: only a connection of this workspace')
    .option('--read-only', 'only the tools that read: writes are neither listed nor callable')
    .option(
      '-t, --toolsets <toolsets>',
      'the tools of these toolsets, comma-separated: resources (e.g. deals,persons), core (the default) or all',
    )
    .action(serveMcp);

  cli
    .command('triggers')
    .description('list the triggers: name, event, title')
    .option('--json', 'as a JSON array')
    .action(listTriggers);

  const keys = cli.command('keys').description("the host's API keys (in its store: DATABASE_URL)");
  keys
    .command('create')
    .description('make a key for a workspace (created when needed); prints the key, once, alone on stdout')
    .requiredOption(
      '-w, --workspace <name>',
      'the workspace the key belongs to: lowercase letters, digits, - and _',
    )
    .option('--admin', "the key administers its workspace: the workspace's keys and audit trail")
    .option('--operator', 'a host operator key: administers every workspace (keep it to the host operator)')
    .option('-l, --label <text>', 'what the key is for')
    .action(createKey);
  keys
    .command('list')
    .description(
      'the keys: id, workspace, role (member, admin, operator), label, created, last used, revoked (never the key)',
    )
    .option('-w, --workspace <name>', "only one workspace's keys")
    .option('--json', 'as a JSON array')
    .action(listKeys);
  keys
    .command('revoke')
    .description('revoke a key: it is refused from now on')
    .argument('<id>', 'the key id (keys list)')
    .action(revokeKeyCommand);

  return cli;
}

function report(error: ConnectorError): void {
  const lines = [`error: ${error.code}: ${error.message}`];
  const { issues, ...rest } = error.details ?? {};
  for (const issue of issues ?? []) lines.push(`  ${issue.path || '(input)'}: ${issue.message}`);
  if (Object.keys(rest).length > 0) lines.push(`  details: ${JSON.stringify(rest)}`);
  io().stderr.write(`${lines.join('\n')}\n`);
}

/** The launcher turns it on: the CLI's own process moves files (`--file`, `--output`); runtime/collect.ts. */
export { collectDuringTransfers } from '../runtime/collect.js';

/**
 * Run the CLI with `argv` as `process.argv` (node, script, arguments...) and `streams` as its process: resolves
 * to the exit code. The launcher (bin/) passes the process's own; tests run it in-process with their own.
 */
export async function run(argv: string[], streams: CliIo = processIo()): Promise<number> {
  return cliIo.run(streams, async () => {
    try {
      await program().parseAsync(argv);
      return 0;
    } catch (error) {
      if (error instanceof CommanderError) {
        // Commander has printed its message already; help and version are not errors.
        return error.exitCode === 0 ? 0 : 2;
      }
      if (error instanceof ConnectorError) {
        report(error);
        return USAGE_CODES.has(error.code) ? 2 : 1;
      }
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      io().stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  });
}
