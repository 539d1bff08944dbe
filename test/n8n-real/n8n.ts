/**
 * Running the real n8n (the install of scripts/ensure-n8n.sh, on Node 24) for `npm run test:n8n`: a user
 * folder with the built package installed as a community node, n8n's CLI commands, `n8n start` in the
 * background, and its REST API as the editor uses it (an owner session, `browser-id` bound). Every line any n8n
 * process prints is kept, so that the test can check that no secret reached n8n's log.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { freePort } from '../../server/free-port.js';

export interface N8nInstall {
  /** The folder of scripts/ensure-n8n.sh (node_modules/n8n inside). */
  dir: string;
  /** Node 24's binary. */
  node: string;
}

export function installFromEnv(): N8nInstall {
  const dir = process.env.N8N_DIR;
  const node24 = process.env.NODE24_DIR;
  if (!dir || !node24)
    throw new Error('N8N_DIR and NODE24_DIR are set by scripts/test-n8n.sh: run `npm run test:n8n`');
  return { dir, node: join(node24, 'bin/node') };
}

/** Install a built community package the way n8n lays it out: `<user folder>/.n8n/nodes/node_modules/<name>`. */
export function installPackage(userFolder: string, packageDir: string, name: string): string {
  const nodes = join(userFolder, '.n8n/nodes');
  const target = join(nodes, 'node_modules', name);
  mkdirSync(target, { recursive: true });
  // `npm pack` ships what the package's `files` names, as a registry install would.
  execFileSync('npm', ['pack', '--silent', '--pack-destination', nodes], { cwd: packageDir, stdio: 'pipe' });
  const tarball = readdirSync(nodes).find((f) => f.startsWith(name) && f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no tarball');
  execFileSync('tar', ['-xzf', join(nodes, tarball), '-C', target, '--strip-components=1']);
  return target;
}

export interface N8n {
  url: string;
  userFolder: string;
  env: NodeJS.ProcessEnv;
  /** Everything every n8n process printed so far. */
  log(): string;
  /** Run an n8n CLI command to its end; its stdout. */
  cli(args: string[]): Promise<string>;
  /** `n8n start`, until it answers /healthz. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function prepareN8n(install: N8nInstall, extraEnv: Record<string, string>): Promise<N8n> {
  const userFolder = mkdtempSync(join(tmpdir(), 'n8n-user-'));
  const port = await freePort();
  const brokerPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Not the test runner's environment: n8n goes quiet and refuses to load nodes under NODE_ENV=test.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|NODE_OPTIONS|VITEST.*|TEST)$/.test(key)),
  );
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'n8n-test-encryption-key-0123456789',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_ENABLED: 'false',
    WEBHOOK_URL: `${url}/`,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_LOG_LEVEL: 'debug',
    N8N_LOG_OUTPUT: 'console',
    ...extraEnv,
  };
  const bin = join(install.dir, 'node_modules/n8n/bin/n8n');
  const lines: string[] = [];
  let server: ChildProcess | undefined;

  const spawnN8n = (args: string[]) => {
    const child = spawn(install.node, [bin, ...args], {
      env,
      cwd: userFolder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      lines.push(c.toString());
    });
    child.stderr?.on('data', (c: Buffer) => lines.push(c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, stdout: () => stdout };
  };

  return {
    url,
    userFolder,
    env,
    log: () => lines.join(''),
    async cli(args) {
      const run = spawnN8n(args);
      const code = await run.exited;
      if (code !== 0)
        throw new Error(`n8n ${args.join(' ')} exited with ${code}:\n${lines.slice(-40).join('')}`);
      return run.stdout();
    },
    async start() {
      const run = spawnN8n(['start']);
      server = run.child;
      // n8n tells nothing but its readiness endpoint; a start that exits stops the wait.
      const ready = vi
        .waitFor(
          async () => {
            const response = await fetch(`${url}/healthz/readiness`);
            if (!response.ok) throw new Error(`readiness: ${response.status}`);
          },
          { timeout: 180_000, interval: 250 },
        )
        .then(
          () => true,
          () => false,
        );
      if (await Promise.race([ready, run.exited.then(() => false)])) return;
      run.child.kill('SIGKILL');
      throw new Error(`n8n did not start:\n${lines.slice(-60).join('')}`);
    },
    async stop() {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server?.on('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server?.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The run data `n8n execute` prints (JSON indented by 2, from `{` to the `}` at the start of a line), among
 * n8n's log lines and their colours.
 */
export function jsonOf(output: string): unknown {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences of terminal colours
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  const start = text.indexOf('{\n  "data"');
  const end = text.indexOf('\n}', start);
  if (start < 0 || end < 0) throw new Error(`no run data in:\n${text.slice(-3000)}`);
  return JSON.parse(text.slice(start, end + 2));
}

/** n8n's REST API as the editor calls it: an owner's session cookie, bound to a browser ID. */
export class RestClient {
  private cookie = '';
  constructor(
    private readonly url: string,
    private readonly browserId = 'pipedrive-connector-test',
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/rest${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'browser-id': this.browserId,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    const auth = setCookie?.match(/n8n-auth=[^;]+/)?.[0];
    if (auth) this.cookie = auth;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  }

  async setUpOwner(owner: { email: string; password: string }): Promise<void> {
    const answer = await this.request('POST', '/owner/setup', {
      ...owner,
      firstName: 'Mari',
      lastName: 'Tamm',
    });
    if (answer.status !== 200)
      throw new Error(`owner setup: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
