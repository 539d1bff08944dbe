import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { run } from '../../server/cli.js';
import { generateKey, verifyKey } from '../../server/keys.js';
import { loadSecretBox } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { deal, page } from '../fixtures/entities.js';
import { CONTRACT, fileRoutes } from '../fixtures/files.js';
import { webhooksWithSecrets } from '../fixtures/webhooks.js';
import { startHostWithConnection, type TestHost } from '../helpers/host.js';
import {
  dealRoutes,
  type PipedriveStub,
  type StubRequest,
  startPipedriveStub,
} from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.cliToken;
/** The characters of `text` a terminal would obey: C0 and C1 controls, DEL, line separators, bidi controls. */
const controls = (text: string) =>
  [...text].filter((char) => {
    const code = char.codePointAt(0) as number;
    return (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      [0x061c, 0x200e, 0x200f, 0x2028, 0x2029].includes(code) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  });
const BIN = 'bin/pipedrive-connector.js';

/** Everything written to a stream, once it ends. */
async function streamText(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Pages of deals by cursor: 2 + 2 + 1. */
const DEAL_PAGES: Record<string, { ids: number[]; next: string | null }> = {
  '': { ids: [1, 2], next: 'c2' },
  c2: { ids: [3, 4], next: 'c3' },
  c3: { ids: [5], next: null },
};

describe('the CLI (npx pipedrive-connector), run in-process (and twice spawned) against a local Pipedrive stub', {
  timeout: 90_000,
}, () => {
  let stub: PipedriveStub;
  let dir: string;
  const outputs: string[] = [];

  const envOf = (env: Record<string, string | undefined>) => ({
    ...process.env,
    PIPEDRIVE_API_TOKEN: TOKEN,
    PIPEDRIVE_API_URL: stub.url,
    ...env,
  });

  /** `pipedrive-connector <args>` in this process (`run(argv, io)`), with the stub as PIPEDRIVE_API_URL. */
  const cli = async (args: string[], env: Record<string, string | undefined> = {}): Promise<Result> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = streamText(stdout);
    const err = streamText(stderr);
    const code = await run(['node', BIN, ...args], {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: envOf(env),
    });
    stdout.end();
    stderr.end();
    const result = { code, stdout: await out, stderr: await err };
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  /** The same through the package's bin launcher, as a process of its own. */
  const spawned = (args: string[], env: Record<string, string | undefined> = {}): Promise<Result> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env: envOf(env), timeout: 60_000 },
        (error, stdout, stderr) => {
          outputs.push(stdout, stderr);
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });

  const sent = (method: string, path: string) =>
    stub.requests.filter((r) => r.method === method && r.path === path);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
    stub = await startPipedriveStub({
      token: TOKEN,
      routes: [
        ...dealRoutes(),
        {
          method: 'GET',
          path: '/api/v2/deals',
          reply: (r: StubRequest) => {
            const { ids, next } = DEAL_PAGES[r.query.cursor ?? ''] ?? { ids: [], next: null };
            return page(
              ids.map((id) => deal(id)),
              next,
            );
          },
        },
        { method: 'GET', path: '/v1/webhooks', reply: webhooksWithSecrets().answer },
        {
          method: 'POST',
          path: '/api/v2/persons',
          status: 500,
          reply: { success: false, error: 'Internal server error' },
        },
        ...fileRoutes(501),
      ],
    });
  });

  afterAll(async () => {
    await stub?.close();
    rmSync(dir, { recursive: true, force: true });
    // Whatever it printed, the CLI never showed the API token.
    expect(outputs.join('\n')).not.toContain(TOKEN);
  });

  it('lists the operations (name, method, path, title), all or of one resource', async () => {
    const all = await cli(['operations']);
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(connector.manifest.operations.length);
    expect(lines).toContainEqual(expect.stringMatching(/^add_deal +POST +\/api\/v2\/deals +Add deal$/));
    expect(lines).toContainEqual(expect.stringMatching(/^list_users +GET +\/v1\/users +/));

    const stages = await cli(['operations', '--resource', 'stages', '--json']);
    expect(stages.code).toBe(0);
    expect(JSON.parse(stages.stdout)).toContainEqual({
      name: 'get_stage',
      method: 'GET',
      path: '/api/v2/stages/{id}',
      title: 'Get stage',
    });
    expect(JSON.parse(stages.stdout)).toHaveLength(5);

    const triggers = await cli(['triggers']);
    expect(triggers.code).toBe(0);
    expect(triggers.stdout).toMatch(/^updated_deal +change\.deal +/m);
    // The generic trigger's event is chosen in its input; it is not shown as "(input).(input)".
    expect(triggers.stdout).toMatch(/^pipedrive_event +any, set in input +Pipedrive event$/m);
    expect(triggers.stdout).not.toContain('(input)');
  });

  it('describes an operation: fields with type, required and description, and a sample', async () => {
    const { code, stdout } = await cli(['describe', 'add_deal']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^add_deal: Add deal$/m);
    expect(stdout).toContain('POST /api/v2/deals');
    expect(stdout).toMatch(/^Token cost: 5 tokens$/m);
    expect(stdout).toMatch(/^title +string +required +\S/m);
    expect(stdout).toMatch(/^visible_to +1 \| 3 \| 5 \| 7 +/m);
    const sample = stdout.slice(stdout.indexOf('Sample input:') + 'Sample input:'.length);
    expect(JSON.parse(sample)).toEqual(
      connector.manifest.operations.find((o) => o.name === 'add_deal')?.sample,
    );
  });

  it("describes a list's token cost per page, and an estimated one as such", async () => {
    const list = await cli(['describe', 'list_deal_fields']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^Token cost: ~10 tokens \(estimated\) per page$/m);
  });

  it('calls an operation and prints its output; the request is exactly what the input says', async () => {
    // Through the launcher, as a process: the output and exit code reach the shell.
    const got = await spawned(['call', 'get_deal', '--input', '{"id": 101}']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({
      success: true,
      data: { id: 101, title: 'Acme renewal 2026' },
    });
    const [request] = sent('GET', '/api/v2/deals/101');
    expect(request?.headers['x-api-token']).toBe(TOKEN);
    expect(request?.query).toEqual({});

    const file = join(dir, 'deal.json');
    writeFileSync(file, JSON.stringify({ title: 'From the CLI', value: '250', status: 'open' }));
    const added = await cli(['call', 'add_deal', '--input-file', file, '--compact']);
    expect(added.code).toBe(0);
    expect(added.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(added.stdout).data).toMatchObject({ id: 102, title: 'From the CLI', value: 250 });
    expect(sent('POST', '/api/v2/deals').map((r) => r.body)).toEqual([
      { title: 'From the CLI', value: 250, status: 'open' },
    ]);
  });

  it("--usage prints the call's token usage on stderr, the output staying alone on stdout", async () => {
    const before = stub.requests.length;
    const got = await cli(['call', 'get_deal', '--input', '{"id": 101}', '--usage']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ data: { id: 101 } });
    // get_deal (1 token), and the deal fields that name its custom fields (10) unless an earlier call of this
    // process read them (the CLI runs in-process here; the definitions are cached for 5 minutes).
    const made = stub.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    const fieldsRead = made.filter((r) => r === 'GET /api/v2/dealFields').length;
    expect(made.filter((r) => r !== 'GET /api/v2/dealFields')).toEqual(['GET /api/v2/deals/101']);
    expect(got.stderr.trim()).toBe(
      fieldsRead
        ? 'usage: 11 tokens in 2 calls; daily budget not told by Pipedrive'
        : 'usage: 1 token in 1 call; daily budget not told by Pipedrive',
    );
  });

  it('api_request prints a raw answer with every secret redacted (issue 21)', async () => {
    const result = await cli(['call', 'api_request', '--input', '{"method":"GET","path":"/v1/webhooks"}']);
    expect(result.code, result.stderr).toBe(0);
    for (const secret of webhooksWithSecrets().secrets) expect(result.stdout).not.toContain(secret);
    expect(JSON.parse(result.stdout).data[0].http_auth_password).toBe('[redacted]');
  });

  it('--all streams every record as NDJSON with a progress line per page on stderr', async () => {
    const before = sent('GET', '/api/v2/deals').length;
    const { code, stdout, stderr } = await cli([
      'call',
      'list_deals',
      '--all',
      '--input',
      '{"status":"open"}',
    ]);
    expect(code).toBe(0);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    // After each page after the first is read: the records and pages before it (issue 26: not "page 1, 0 records").
    expect(stderr.split('\n').filter((l) => l.startsWith('progress: '))).toEqual([
      'progress: 2 records from 1 page so far',
      'progress: 4 records from 2 pages so far',
    ]);
    expect(stderr).toContain('done: 5 records, 3 pages');
    const pages = sent('GET', '/api/v2/deals').slice(before);
    expect(pages.map((r) => r.query)).toEqual([
      { status: 'open', limit: '500' },
      { status: 'open', limit: '500', cursor: 'c2' },
      { status: 'open', limit: '500', cursor: 'c3' },
    ]);
  });

  it('--file uploads a file from disk as multipart; --output saves a download, byte for byte', async () => {
    const upload = join(dir, 'Contract 2026.pdf');
    writeFileSync(upload, CONTRACT);
    const added = await cli(['call', 'add_file', '--file', upload, '--input', '{"deal_id": 101}']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).data).toMatchObject({ id: 501, name: 'contract.pdf' });
    const [request] = sent('POST', '/v1/files');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toEqual({ deal_id: '101' });
    expect(request?.files).toEqual({
      file: { name: 'Contract 2026.pdf', type: 'application/pdf', content: CONTRACT },
    });

    const saved = join(dir, 'downloaded.pdf');
    const got = await cli(['call', 'download_file', '--input', '{"id": 501}', '--output', saved]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({
      name: 'contract.pdf',
      type: 'application/pdf',
      size: CONTRACT.length,
      path: saved,
    });
    expect(readFileSync(saved).equals(CONTRACT)).toBe(true);
  });

  it('files: --file or --output where the operation takes none, a missing --output, an unreadable file', async () => {
    const before = stub.requests.length;
    const [fileToJson, outputToJson, noOutput, missingFile] = await Promise.all([
      cli(['call', 'get_deal', '--input', '{"id": 1}', '--file', BIN]),
      cli(['call', 'get_deal', '--input', '{"id": 1}', '--output', join(dir, 'x')]),
      cli(['call', 'download_file', '--input', '{"id": 501}']),
      cli(['call', 'add_file', '--input', '{"deal_id": 1}', '--file', join(dir, 'nowhere.pdf')]),
    ]);
    expect(fileToJson.stderr).toMatch(/^ {2}--file: is not taken by this operation$/m);
    expect(outputToJson.stderr).toMatch(/^ {2}--output: is not taken by this operation$/m);
    expect(noOutput.stderr).toMatch(/^ {2}--output: is required$/m);
    expect(missingFile.stderr).toContain('Cannot read --file');
    expect(missingFile.stderr).toContain('ENOENT');
    for (const result of [fileToJson, outputToJson, noOutput, missingFile]) expect(result.code).toBe(2);
    expect(stub.requests.length).toBe(before);
  });

  it('bad input: exit code 2, the field named, nothing sent', async () => {
    const before = stub.requests.length;
    const [missing, notJson, notList, usage, both, noToken] = await Promise.all([
      cli(['call', 'add_deal', '--input', '{"value": 5}']),
      cli(['call', 'add_deal', '--input', '{title:']),
      cli(['call', 'get_deal', '--all', '--input', '{"id": 1}']),
      cli(['call']),
      cli(['call', 'add_deal', '--input', '{}', '--input-file', 'x.json']),
      cli(['call', 'get_deal', '--input', '{"id": 1}'], { PIPEDRIVE_API_TOKEN: '' }),
    ]);
    expect(missing.stderr).toContain('error: invalid_input:');
    expect(missing.stderr).toMatch(/^ {2}title: is required$/m);
    expect(notJson.stderr).toContain('error: invalid_input: --input is not JSON');
    expect(notList.stderr).toContain('get_deal is not a list operation');
    expect(usage.stderr).toContain("missing required argument 'operation'");
    expect(both.stderr).toContain("option '-i, --input <json>' cannot be used with option '-f, --input-file");
    expect(noToken.stderr).toContain('set PIPEDRIVE_API_TOKEN');
    expect([missing, notJson, notList, usage, both, noToken].map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(stub.requests.length).toBe(before);
  });

  it('unknown operation: exit code 2', async () => {
    const results = await Promise.all([
      cli(['call', 'no_such_operation']),
      cli(['describe', 'no_such_operation']),
    ]);
    for (const { code, stderr } of results) {
      expect(code).toBe(2);
      expect(stderr).toContain('error: unknown_operation: ');
    }
    // A typo gets the name it missed, in describe as in call.
    for (const command of ['describe', 'call']) {
      const typo = await cli([command, 'add_dael']);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain('Unknown operation "add_dael". Did you mean "add_deal"?');
    }
  });

  it("Pipedrive's errors: exit code 1 with the code and Pipedrive's message", async () => {
    const failed = await cli(['call', 'add_person', '--input', '{"name": "Mari"}']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: upstream_error: .*Internal server error/m);
    expect(sent('POST', '/api/v2/persons')).toHaveLength(1); // a POST is never sent twice

    const refused = await cli(['call', 'get_deal', '--input', '{"id": 101}'], {
      PIPEDRIVE_API_TOKEN: 'wrong-token',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: unauthorized: /m);
    expect(refused.stderr).not.toContain('wrong-token');
  });

  describe('with a connection stored by the host (--connection)', () => {
    let host: TestHost;
    let connectionId: string;

    beforeAll(async () => {
      ({ host, connectionId } = await startHostWithConnection(stub.url, TOKEN));
    });

    afterAll(async () => {
      await host?.close();
    });

    it('reads the connection from the store (read-only) and calls with its token', async () => {
      const before = sent('GET', '/api/v2/deals/101').length;
      const { code, stdout } = await cli(['call', 'get_deal', '-c', connectionId, '-i', '{"id": 101}'], {
        PIPEDRIVE_API_TOKEN: '',
        DATABASE_URL: `sqlite:${host.dbFile}`,
      });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).data.id).toBe(101);
      const requests = sent('GET', '/api/v2/deals/101').slice(before);
      expect(requests.map((r) => r.headers['x-api-token'])).toEqual([TOKEN]);
    });

    it('--workspace confines it: a connection of another workspace is not found, nothing is sent', async () => {
      const env = { PIPEDRIVE_API_TOKEN: '', DATABASE_URL: `sqlite:${host.dbFile}` };
      const before = stub.requests.length;
      const other = await cli(
        ['call', 'get_deal', '-c', connectionId, '-w', 'elsewhere', '-i', '{"id": 101}'],
        env,
      );
      expect(other.code).toBe(1);
      expect(other.stderr).toContain(`error: not_found: Connection ${connectionId} not found.`);
      expect(stub.requests.length).toBe(before);
      const own = await cli(
        ['call', 'get_deal', '-c', connectionId, '-w', 'default', '-i', '{"id": 101}'],
        env,
      );
      expect(own.code).toBe(0);
    });

    it('names what is missing: an unknown connection, or no key to open it', async () => {
      const unknown = await cli(['call', 'get_deal', '-c', 'nope', '-i', '{"id": 1}'], {
        DATABASE_URL: `sqlite:${host.dbFile}`,
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('error: not_found: Connection nope not found.');
      const elsewhere = await cli(['call', 'get_deal', '-c', connectionId, '-i', '{"id": 1}'], {
        DATABASE_URL: `sqlite:${join(dir, 'none.db')}`,
      });
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain('CONNECTOR_SECRET_KEY');
    });
  });

  describe("the host's API keys (keys create, list, revoke) in its SQLite store", () => {
    let file: string;
    const keys = (args: string[]) =>
      cli(['keys', ...args], { DATABASE_URL: `sqlite:${file}`, CONNECTOR_SECRET_KEY: undefined });
    /** The store as the host opens it, for what the CLI wrote. */
    const inStore = async <T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> => {
      const store = new SqliteStore(file, loadSecretBox({ dataDir: dirname(file) }));
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    };

    beforeAll(() => {
      file = join(dir, 'keys', 'connector.db');
    });

    it('creates a key: the key alone on stdout, stored as a hash, verifiable, with key.create in the audit trail', async () => {
      const created = await keys(['create', '--workspace', 'acme', '--admin', '--label', 'ops team']);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}\n$/);
      const key = created.stdout.trim();
      const id = key.slice(4, 16);
      const stored = {
        id,
        workspace_id: 'acme',
        admin: true,
        operator: false,
        label: 'ops team',
        created_at: expect.any(String),
        last_used_at: null,
        revoked_at: null,
      };
      expect(created.stderr).toContain(`key ${id} for workspace acme`);
      expect(created.stderr).not.toContain(key.slice(17));
      const plain = await keys(['create', '-w', 'globex']);
      expect(plain.code).toBe(0);
      const other = plain.stdout.trim();

      await inStore(async (store) => {
        expect(await verifyKey(store, key)).toEqual(stored);
        expect(await verifyKey(store, other)).toMatchObject({
          workspace_id: 'globex',
          admin: false,
          label: null,
        });
        expect((await store.getApiKey(id))?.hash).not.toContain(key.slice(17));
        expect((await store.listWorkspaces()).map((w) => w.id)).toEqual(
          expect.arrayContaining(['acme', 'globex']),
        );
        const { entries } = await store.listAudit({ limit: 10 });
        expect(entries.map((e) => [e.action, e.key_id, e.workspace_id, e.target_id])).toEqual([
          ['key.create', null, 'globex', other.slice(4, 16)],
          ['key.create', null, 'acme', id],
        ]);
      });

      // Listed, never with the key or its hash.
      const listed = await keys(['list']);
      expect(listed.code).toBe(0);
      const lines = listed.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^id +workspace +role +label +created +last used +revoked$/);
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${id} +acme +admin +ops team +\\S+Z +- +-$`)),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${other.slice(4, 16)} +globex +member +- `)),
      );
      const json = await keys(['list', '--workspace', 'acme', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual([stored]);
      for (const output of [listed, json]) {
        expect(output.stdout + output.stderr).not.toContain(key.slice(17));
        expect(output.stdout + output.stderr).not.toContain(other.slice(17));
        expect(output.stdout).not.toMatch(/pdk_|hash|[0-9a-f]{64}/);
      }

      // Revoked: refused from then on, key.revoke in the audit trail; a second revoke changes nothing.
      const revoked = await keys(['revoke', id]);
      expect(revoked.code).toBe(0);
      expect(revoked.stderr).toContain(`Revoked key ${id} of workspace acme.`);
      const again = await keys(['revoke', id]);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('was revoked already');
      await inStore(async (store) => {
        expect(await verifyKey(store, key)).toBeUndefined();
        expect(await verifyKey(store, other)).toMatchObject({ workspace_id: 'globex' });
        const { entries } = await store.listAudit({ limit: 10 });
        expect(entries.filter((e) => e.action === 'key.revoke')).toEqual([
          expect.objectContaining({ key_id: null, workspace_id: 'acme', target_id: id }),
        ]);
      });
      const after = JSON.parse((await keys(['list', '--json'])).stdout) as {
        id: string;
        revoked_at: string;
      }[];
      expect(after.find((k) => k.id === id)?.revoked_at).toEqual(expect.any(String));
    });

    it('prints labels with their control characters escaped, and refuses them in a new label (issue 21)', async () => {
      // A label stored by an older version (or written to the database) with CR, NUL, ESC, DEL, C1 and bidi controls.
      const hostile = 'ops\rFAKE\u0000\u001b[2J\u007f\u009b\u202Eevil\u2066x\u2028y';
      const id = await inStore(async (store) => {
        await store.ensureWorkspace('labels');
        const { row } = generateKey('labels', { label: hostile });
        await store.createApiKey(row);
        return row.id;
      });
      const listed = await keys(['list', '--workspace', 'labels']);
      expect(listed.code).toBe(0);
      // Nothing a terminal would obey: only printable text and the line ends of the table.
      expect(controls(listed.stdout.replace(/\n/g, ''))).toEqual([]);
      const line = listed.stdout.split('\n').find((text) => text.startsWith(id));
      expect(line).toContain('ops\\u000dFAKE\\u0000\\u001b[2J\\u007f\\u009b\\u202eevil\\u2066x\\u2028y');
      // The JSON list gives the label as it is stored, every control character as a JSON escape.
      const json = await keys(['list', '--workspace', 'labels', '--json']);
      expect(controls(json.stdout.replace(/\n/g, ''))).toEqual([]);
      expect(JSON.parse(json.stdout)[0].label).toBe(hostile);

      // (A NUL cannot be a process argument: the HTTP test sends one.)
      for (const label of ['a\rb', 'bidi\u202Eevil', 'esc\u001b[31m', 'c1\u0085', 'del\u007f']) {
        const refused = await keys(['create', '--workspace', 'labels', '--label', label]);
        expect(refused.code, JSON.stringify(label)).toBe(2);
        expect(refused.stderr).toMatch(/^ {2}label: must not contain control characters/m);
      }
    });

    it('refuses bad input (exit 2) before it opens the store, and an unknown key (exit 1)', async () => {
      const fresh = join(dir, 'keys-untouched', 'connector.db');
      const env = { DATABASE_URL: `sqlite:${fresh}`, CONNECTOR_SECRET_KEY: undefined };
      const [badName, noName, badId] = await Promise.all([
        cli(['keys', 'create', '--workspace', 'Not A Name'], env),
        cli(['keys', 'create'], env),
        cli(['keys', 'revoke', 'not-a-key-id'], env),
      ]);
      expect(badName.stderr).toMatch(/^ {2}workspace: must be 1-63 lowercase letters/m);
      expect(noName.stderr).toContain("required option '-w, --workspace <name>' not specified");
      expect(badId.stderr).toMatch(/^ {2}id: must be a key id/m);
      expect([badName.code, noName.code, badId.code]).toEqual([2, 2, 2]);
      expect(existsSync(dirname(fresh))).toBe(false);
      const unknown = await keys(['revoke', 'aaaaaaaaaaaa']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('error: not_found: Key aaaaaaaaaaaa not found.');
    });
  });

  it('runs as `npx pipedrive-connector` from the package bin', async () => {
    const result = await new Promise<Result>((resolve) => {
      execFile(
        'npx',
        ['--no', '--', 'pipedrive-connector', '--version'],
        { timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(connector.version);
  });
});
