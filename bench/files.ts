/**
 * Files: a 200 MB upload (`add_file`) and download (`download_file`) through the host (multipart in, the file
 * streamed back) and through the CLI (`--file`, `--output`), against a local stand-in for Pipedrive that reads
 * and discards uploads and streams downloads. Each is compared with a raw got stream of the same file to the
 * same stand-in, in the same run: throughput at least 0.8× the raw stream's, and the RSS growth of the process
 * that carries the file (the host, the CLI) at most 64 MB.
 *
 * Usage: node --import tsx bench/files.ts [MB]   (the host and the stand-in run in a child: `--serve`)
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import got from 'got';
import { fmt, type Measure, report, startChild } from './lib.js';

const MB = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 200);
const TOKEN = 'files-bench-token';
const CHUNK = Buffer.alloc(1024 * 1024, 7);

/** `size` bytes, made as they are read. */
const bytes = (size: number) =>
  Readable.from(
    (function* () {
      for (let left = size; left > 0; left -= CHUNK.length)
        yield left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
    })(),
  );

/** The child: the stand-in for Pipedrive and the host in front of it; prints `READY <host port> <key> <stub port> <connection>`. */
async function serve() {
  const size = MB * 1024 * 1024;
  const stub = createServer((req, res) => {
    // The host checks a new connection's token with /users/me.
    if (req.url?.startsWith('/v1/users/me')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          success: true,
          data: { id: 1, name: 'Bench', company_id: 1, company_domain: 'bench' },
        }),
      );
      return;
    }
    if (req.method === 'POST') {
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: true, data: { id: 1, file_size: received } }));
      });
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': 'attachment; filename="big.bin"',
    });
    void pipeline(bytes(size), res).catch(() => {});
  });
  await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
  const stubUrl = `http://127.0.0.1:${(stub.address() as { port: number }).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'files-bench-'));
  const { loadConfig } = await import('../server/config.js');
  const { buildApp } = await import('../server/app.js');
  const { SqliteStore } = await import('../server/store/sqlite.js');
  const { loadSecretBox } = await import('../server/secrets.js');
  const { issueKey } = await import('../server/keys.js');
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    DATABASE_URL: `sqlite:${join(dir, 'db')}`,
    PIPEDRIVE_API_URL: stubUrl,
    MAX_FILE_BYTES: String(size * 2),
    REQUEST_TIMEOUT_MS: '600000',
  });
  const secrets = loadSecretBox({ dataDir: dir });
  const store = new SqliteStore(join(dir, 'db'), secrets);
  const app = await buildApp({ config, store, secrets });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { key } = await issueKey(store, { workspace_id: 'default', admin: true, label: 'bench', by: null });
  const created = await app.inject({
    method: 'POST',
    url: '/connections',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      host: new URL(address).host,
    },
    payload: { type: 'api_token', api_token: TOKEN },
  });
  if (created.statusCode !== 201) throw new Error(`no connection: ${created.statusCode} ${created.body}`);
  const connection = (created.json() as { id: string }).id;
  console.log(`READY ${new URL(address).port} ${key} ${new URL(stubUrl).port} ${connection}`);
  process.on('SIGINT', () => process.exit(0));
}

/** The RSS of a process, sampled every 10 ms until `stop()`: its peak. */
function sampleRss(pid: number) {
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const baseline = read();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, 10);
  return {
    baseline,
    stop: () => {
      clearInterval(timer);
      return (Math.max(peak, read()) - baseline) / 2 ** 20;
    },
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** Run the CLI; its peak RSS (from the process itself, at exit) in bytes. */
function cli(args: string[], env: Record<string, string>): Promise<number> {
  const peak = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', peak, 'bin/pipedrive-connector.js', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      const match = /MAXRSS (\d+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`CLI ${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve(Number(match[1]) * 1024);
    });
  });
}

async function main() {
  const size = MB * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'files-bench-'));
  const file = join(dir, 'big.bin');
  const small = join(dir, 'small.bin');
  await pipeline(bytes(size), createWriteStream(file));
  await pipeline(bytes(1024 * 1024), createWriteStream(small));
  const server = await startChild(['--import', 'tsx', 'bench/files.ts', '--serve', String(MB)]);
  try {
    const [stubPort, connection] = server.extra;
    const host = `http://127.0.0.1:${server.port}`;
    const stubUrl = `http://127.0.0.1:${stubPort}`;
    const auth = { authorization: `Bearer ${server.key}` };

    const rawUpload = () =>
      got.post(`${stubUrl}/v1/files`, {
        body: createReadStream(file),
        headers: { 'content-length': String(size) },
      });
    const rawDownload = () =>
      pipeline(got.stream(`${stubUrl}/v1/files/1/download`), createWriteStream(join(dir, 'raw.out')));
    const hostUpload = (path: string) => {
      const form = new FormData();
      form.set('connection_id', connection as string);
      form.set('input', JSON.stringify({ deal_id: 1 }));
      return openAsFile(path).then((blob) => {
        form.set('file', blob, 'big.bin');
        return got.post(`${host}/operations/add_file`, { body: form, headers: auth }).json();
      });
    };
    const hostDownload = () =>
      pipeline(
        got.stream.post(`${host}/operations/download_file`, {
          json: { connection_id: connection, input: { id: 1 } },
          headers: auth,
        }),
        createWriteStream(join(dir, 'host.out')),
      );

    // Warm up every path once with a small file (imports, JIT), then measure.
    await hostUpload(small);
    const rawUp = await timed(rawUpload);
    const rss = sampleRss(server.child.pid as number);
    const hostUp = await timed(() => hostUpload(file));
    const hostUpRss = rss.stop();
    const rawDown = await timed(rawDownload);
    const rssDown = sampleRss(server.child.pid as number);
    const hostDown = await timed(hostDownload);
    const hostDownRss = rssDown.stop();
    if (statSync(join(dir, 'host.out')).size !== size) throw new Error('the host download is not whole');

    const env = { PIPEDRIVE_API_TOKEN: TOKEN, PIPEDRIVE_API_URL: stubUrl, MAX_FILE_BYTES: String(size * 2) };
    const upArgs = (path: string) => ['call', 'add_file', '--file', path, '--input', '{"deal_id": 1}'];
    const downArgs = (path: string) => ['call', 'download_file', '--input', '{"id": 1}', '--output', path];
    const cliBase = await cli(upArgs(small), env);
    let cliUpPeak = 0;
    const cliUp = await timed(async () => {
      cliUpPeak = await cli(upArgs(file), env);
    });
    let cliDownPeak = 0;
    const cliDown = await timed(async () => {
      cliDownPeak = await cli(downArgs(join(dir, 'cli.out')), env);
    });
    // The CLI's own start-up (a run with a 1 MB file) is taken off its times and its memory.
    const cliStart = await timed(() => cli(upArgs(small), env));

    const mbps = (seconds: number) => `${fmt(MB / seconds, 0)} MB/s`;
    const measure = (name: string, seconds: number, raw: number, growth: number): Measure[] => [
      {
        measure: `${name}: throughput`,
        value: mbps(seconds),
        ratio: `${(raw / seconds).toFixed(2)}× raw got (${mbps(raw)})`,
        target: '≥ 0.8× raw got',
        met: raw / seconds >= 0.8,
      },
      {
        measure: `${name}: RSS growth`,
        value: `${fmt(growth, 1)} MB`,
        target: '≤ 64 MB',
        met: growth <= 64,
      },
    ];
    report('files', [
      ...measure(`host upload ${MB} MB`, hostUp, rawUp, hostUpRss),
      ...measure(`host download ${MB} MB`, hostDown, rawDown, hostDownRss),
      ...measure(
        `CLI upload ${MB} MB`,
        Math.max(cliUp - cliStart, 0.001),
        rawUp,
        (cliUpPeak - cliBase) / 2 ** 20,
      ),
      ...measure(
        `CLI download ${MB} MB`,
        Math.max(cliDown - cliStart, 0.001),
        rawDown,
        (cliDownPeak - cliBase) / 2 ** 20,
      ),
    ]);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openAsFile(path: string): Promise<Blob> {
  const { openAsBlob } = await import('node:fs');
  return openAsBlob(path);
}

if (process.argv[2] === '--serve') {
  process.argv.splice(2, 1);
  await serve();
} else {
  await main();
}
