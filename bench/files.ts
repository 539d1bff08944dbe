/**
 * Files: a 200 MB upload (`add_file`) and download (`download_file`) through the host (multipart in, the file
 * streamed back) and through the CLI (`--file`, `--output`), against a local stand-in for Pipedrive that reads
 * and discards uploads and streams downloads. Each is compared with a raw got stream of the same file to the
 * same stand-in, in the same run, in turn (ROUNDS rounds of the raw stream then the path, medians): throughput at
 * least 0.8× the raw stream's, and the RSS growth of the process that carries the file (the host, the CLI) at
 * most 64 MB (the largest of the rounds).
 *
 * The stand-in runs in a process of its own (`--stub`), as Pipedrive does: the host's process (`--serve`) holds
 * the host alone, so its CPU and its RSS are the host's. The host's client sends the multipart body as the raw
 * stream sends the file (the parts' header bytes around the file's read stream), so both clients cost the same
 * and the ratio is the host's. The CLI's time runs from its connection to the stand-in to its exit (taken inside
 * the CLI process), so the start-up of Node, tsx and its modules, seconds on a loaded machine and as noisy, is
 * not counted in a transfer of one or two seconds.
 *
 * Beside them, what a hop costs by itself: the raw streams again through a bare TCP relay (`--relay`, a process
 * that pipes each connection to the stand-in's and parses nothing), in turn with the direct ones.
 *
 * Usage: node --import tsx bench/files.ts [MB]
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import got from 'got';
import { cpuSeconds, fmt, hostNodeOptions, type Measure, median, report, startChild } from './lib.js';

const MB = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 200);
/** Rounds of each comparison (the reference, then the path measured, in turn): medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

/** The stand-in for Pipedrive, a process of its own; prints `READY <port>`. */
async function stub() {
  const size = MB * 1024 * 1024;
  const server = createServer((req, res) => {
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
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  console.log(`READY ${(server.address() as { port: number }).port}`);
  process.on('SIGINT', () => process.exit(0));
}

/** A bare TCP relay in front of the stand-in's port, a process of its own; prints `READY <port>`. */
async function relay(stubPort: number) {
  const server = createTcpServer((client) => {
    const upstream = connect(stubPort, '127.0.0.1');
    void pipeline(client, upstream, client).catch(() => {
      client.destroy();
      upstream.destroy();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  console.log(`READY ${(server.address() as { port: number }).port}`);
  process.on('SIGINT', () => process.exit(0));
}

/**
 * The host in front of the stand-in at `stubUrl`, its store in a new directory under `parent` (the run's, removed
 * at its end: the host is killed, it cannot clean up); prints `READY <host port> <key> <connection>`.
 */
async function serve(stubUrl: string, parent: string) {
  const size = MB * 1024 * 1024;
  const dir = mkdtempSync(join(parent, 'host-'));
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
  console.log(`READY ${new URL(address).port} ${key} ${connection}`);
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

const ownSeconds = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1e6;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/**
 * What a process measured of itself, printed at its exit by a module loaded first (`--import`): its peak RSS,
 * and the milliseconds from its first connection to the stand-in (port `STUB_PORT`) to its exit.
 */
const SELF_MEASURE = `data:text/javascript,${encodeURIComponent(
  [
    "import dc from 'node:diagnostics_channel';",
    'let start;',
    'const port = Number(process.env.STUB_PORT);',
    "dc.subscribe('net.client.socket', ({ socket }) => socket.once('connect', () => {",
    '  if (socket.remotePort === port) start ??= performance.now();',
    '}));',
    "process.on('exit', () => process.stderr.write(",
    "  'SELF ' + (start === undefined ? -1 : performance.now() - start) + ' ' + process.resourceUsage().maxRSS + '\\n'));",
  ].join('\n'),
)}`;

/**
 * Run a process with SELF_MEASURE: its seconds from its connection to the stand-in to its exit (NaN if it made
 * none), its peak RSS in bytes.
 */
function measured(args: string[], env: Record<string, string>): Promise<{ seconds: number; peak: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', SELF_MEASURE, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      const match = /SELF (\S+) (\d+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`));
      // Never connected (-1): no time.
      else {
        const ms = Number(match[1]);
        resolve({ seconds: ms < 0 ? Number.NaN : ms / 1000, peak: Number(match[2]) * 1024 });
      }
    });
  });
}

/**
 * A raw got stream of the file up (`up <url> <file>`) or down (`down <url> <file>`), or nothing (`none`), in a
 * bare process: what Node itself grows by when the file streams through it.
 */
const BARE_GOT = [
  "import { createReadStream, createWriteStream, statSync } from 'node:fs';",
  "import { pipeline } from 'node:stream/promises';",
  "import got from 'got';",
  'const [mode, url, path] = process.argv.slice(1);',
  "if (mode === 'up') await got.post(url, { body: createReadStream(path), headers: { 'content-length': String(statSync(path).size) } });",
  "if (mode === 'down') await pipeline(got.stream(url), createWriteStream(path));",
].join('\n');

async function main() {
  const size = MB * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'files-bench-'));
  const file = join(dir, 'big.bin');
  const small = join(dir, 'small.bin');
  await pipeline(bytes(size), createWriteStream(file));
  await pipeline(bytes(1024 * 1024), createWriteStream(small));
  const stand = await startChild(['--import', 'tsx', 'bench/files.ts', '--stub', String(MB)]);
  const stubUrl = `http://127.0.0.1:${stand.port}`;
  const relayed = await startChild(['--import', 'tsx', 'bench/files.ts', '--relay', String(stand.port)]);
  const relayUrl = `http://127.0.0.1:${relayed.port}`;
  const startHost = () =>
    startChild([
      ...hostNodeOptions(),
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/hprof'] : []),
      '--import',
      'tsx',
      'bench/files.ts',
      '--serve',
      stubUrl,
      dir,
      String(MB),
    ]).then((child) => ({
      child,
      url: `http://127.0.0.1:${child.port}`,
      auth: { authorization: `Bearer ${child.key}` },
      connection: child.extra[0] as string,
    }));
  let server: Awaited<ReturnType<typeof startHost>> | undefined;
  try {
    const rawUpload = (base = stubUrl) =>
      got.post(`${base}/v1/files`, {
        body: createReadStream(file),
        headers: { 'content-length': String(size) },
      });
    const rawDownload = (base = stubUrl) =>
      pipeline(got.stream(`${base}/v1/files/1/download`), createWriteStream(join(dir, 'raw.out')));
    // The client sends the multipart body as the raw reference sends the file: the parts' few header bytes
    // around the file's read stream, with its length. So the client costs what the raw stream's client costs,
    // and the ratio is the host's own (a FormData of a Blob cost the client twice the CPU of the raw stream).
    const hostUpload = async (path: string) => {
      const { url, auth, connection } = server as NonNullable<typeof server>;
      const boundary = `bench${Date.now().toString(16)}`;
      const field = (name: string, value: string) =>
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const head = Buffer.from(
        `${field('connection_id', connection)}${field('input', JSON.stringify({ deal_id: 1 }))}--${boundary}\r\n` +
          'content-disposition: form-data; name="file"; filename="big.bin"\r\n' +
          'content-type: application/octet-stream\r\n\r\n',
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const body = Readable.from(
        (async function* () {
          yield head;
          yield* createReadStream(path);
          yield tail;
        })(),
      );
      return got
        .post(`${url}/operations/add_file`, {
          body,
          headers: {
            ...auth,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + statSync(path).size + tail.length),
          },
        })
        .json();
    };
    const hostDownload = () => {
      const { url, auth, connection } = server as NonNullable<typeof server>;
      return pipeline(
        got.stream.post(`${url}/operations/download_file`, {
          json: { connection_id: connection, input: { id: 1 } },
          headers: auth,
        }),
        createWriteStream(join(dir, 'host.out')),
      );
    };

    // Warm up each host once with a small file (imports, JIT), then ROUNDS rounds, each the raw stream then
    // the host (medians; the RSS growth is the peak over all rounds, RSS does not fall back).
    const hostRounds = async (raw: () => Promise<unknown>, host: () => Promise<unknown>) => {
      server = await startHost();
      await hostUpload(small);
      const pid = server.child.child.pid as number;
      const rss = sampleRss(pid);
      const rounds = {
        raw: [] as number[],
        rawCpu: [] as number[],
        rawBusy: [] as number[],
        host: [] as number[],
        hostCpu: [] as number[],
        hostBusy: [] as number[],
      };
      // How many of the machine's cores the processes of a transfer kept busy: their CPU seconds over its time.
      const standPid = stand.child.pid as number;
      for (let round = 0; round < ROUNDS; round += 1) {
        let own = process.cpuUsage();
        let stub = cpuSeconds(standPid);
        const rawSeconds = await timed(raw);
        const rawClient = ownSeconds(process.cpuUsage(own));
        rounds.raw.push(rawSeconds);
        rounds.rawCpu.push(rawClient);
        rounds.rawBusy.push((rawClient + cpuSeconds(standPid) - stub) / rawSeconds);
        own = process.cpuUsage();
        stub = cpuSeconds(standPid);
        const before = cpuSeconds(pid);
        const hostSeconds = await timed(host);
        const hostCpu = cpuSeconds(pid) - before;
        rounds.host.push(hostSeconds);
        rounds.hostCpu.push(hostCpu);
        rounds.hostBusy.push(
          (ownSeconds(process.cpuUsage(own)) + cpuSeconds(standPid) - stub + hostCpu) / hostSeconds,
        );
      }
      const growth = rss.stop();
      server.child.stop();
      return {
        raw: median(rounds.raw),
        host: median(rounds.host),
        cpu: {
          host: median(rounds.hostCpu),
          raw: median(rounds.rawCpu),
          rawBusy: median(rounds.rawBusy),
          hostBusy: median(rounds.hostBusy),
        },
        growth,
      };
    };
    // A host for the upload and a fresh one for the download: RSS does not fall back after a transfer, so a
    // download measured in the upload's host would start from the upload's peak.
    const up = await hostRounds(
      () => rawUpload(),
      () => hostUpload(file),
    );
    const down = await hostRounds(() => rawDownload(), hostDownload);
    if (statSync(join(dir, 'host.out')).size !== size) throw new Error('the host download is not whole');

    // A hop by itself: the raw streams, directly and through the relay, in turn.
    const relayRounds = async (run: (base?: string) => Promise<unknown>) => {
      const direct: number[] = [];
      const through: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        direct.push(await timed(() => run()));
        through.push(await timed(() => run(relayUrl)));
      }
      return { direct: median(direct), relayed: median(through) };
    };
    const relayUp = await relayRounds(rawUpload);
    const relayDown = await relayRounds(rawDownload);

    const env = {
      PIPEDRIVE_API_TOKEN: TOKEN,
      PIPEDRIVE_API_URL: stubUrl,
      MAX_FILE_BYTES: String(size * 2),
      STUB_PORT: String(stand.port),
    };
    const cli = (args: string[]) => measured(['bin/pipedrive-connector.js', 'call', ...args], env);
    const upArgs = (path: string) => ['add_file', '--file', path, '--input', '{"deal_id": 1}'];
    // A run with a 1 MB file first: it warms the disk caches of the sources, and its peak RSS is the base the
    // growth is counted from. Then ROUNDS rounds of the raw stream and the CLI in turn: medians of the times,
    // the largest growth.
    const cliBase = await cli(upArgs(small));
    const cliRounds = async (raw: () => Promise<unknown>, args: string[]) => {
      const raws: number[] = [];
      const runs: { seconds: number; peak: number }[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        raws.push(await timed(raw));
        runs.push(await cli(args));
      }
      if (!runs.every((run) => run.seconds > 0)) throw new Error('the CLI did not reach the stand-in');
      return {
        raw: median(raws),
        seconds: median(runs.map((run) => run.seconds)),
        growth: (Math.max(...runs.map((run) => run.peak)) - cliBase.peak) / 2 ** 20,
      };
    };
    const cliUp = await cliRounds(() => rawUpload(), upArgs(file));
    const cliDown = await cliRounds(
      () => rawDownload(),
      ['download_file', '--input', '{"id": 1}', '--output', join(dir, 'cli.out')],
    );
    if (statSync(join(dir, 'cli.out')).size !== size) throw new Error('the CLI download is not whole');
    // For the memory: the same raw got streams in a bare process, against one that only loads got.
    const bare = (...args: string[]) => measured(['--input-type=module', '-e', BARE_GOT, ...args], env);
    const bareBase = (await bare('none')).peak;
    const bareUp = ((await bare('up', `${stubUrl}/v1/files`, file)).peak - bareBase) / 2 ** 20;
    const bareDown =
      ((await bare('down', `${stubUrl}/v1/files/1/download`, join(dir, 'bare.out'))).peak - bareBase) /
      2 ** 20;

    const mbps = (seconds: number) => `${fmt(MB / seconds, 0)} MB/s`;
    const measure = (
      name: string,
      seconds: number,
      raw: number,
      growth: number,
      rawGrowth: number,
      cpu?: { host: number; raw: number; rawBusy: number; hostBusy: number },
    ): Measure[] => [
      {
        measure: `${name}: throughput`,
        value: mbps(seconds),
        ratio: `${(raw / seconds).toFixed(2)}× raw got (${mbps(raw)})${
          cpu
            ? `; CPU ${fmt(cpu.host, 2)} s in the host, raw got's client ${fmt(cpu.raw, 2)} s; cores busy ${fmt(cpu.hostBusy, 2)} (raw ${fmt(cpu.rawBusy, 2)}) of ${cpus().length}`
            : ''
        }`,
        target: '≥ 0.8× raw got',
        met: raw / seconds >= 0.8,
        ...(cpu
          ? {
              details: {
                host_cpu_seconds: cpu.host,
                raw_client_cpu_seconds: cpu.raw,
                cores_busy: cpu.hostBusy,
                raw_cores_busy: cpu.rawBusy,
              },
            }
          : {}),
      },
      {
        measure: `${name}: RSS growth`,
        value: `${fmt(growth, 1)} MB`,
        ...(rawGrowth === undefined ? {} : { ratio: `raw got in a bare process: ${fmt(rawGrowth, 1)} MB` }),
        target: '≤ 64 MB',
        met: growth <= 64,
      },
    ];
    const hop = (name: string, relayedSeconds: number, direct: number): Measure => ({
      measure: `${name} through a bare TCP relay (what a hop costs by itself)`,
      value: mbps(relayedSeconds),
      ratio: `${(direct / relayedSeconds).toFixed(2)}× raw got (${mbps(direct)}), in turn with it`,
      target: 'none: a reference for the host',
      met: true,
    });
    report('files', [
      ...measure(`host upload ${MB} MB`, up.host, up.raw, up.growth, bareUp, up.cpu),
      ...measure(`host download ${MB} MB`, down.host, down.raw, down.growth, bareDown, down.cpu),
      ...measure(`CLI upload ${MB} MB`, cliUp.seconds, cliUp.raw, cliUp.growth, bareUp),
      ...measure(`CLI download ${MB} MB`, cliDown.seconds, cliDown.raw, cliDown.growth, bareDown),
      hop(`raw upload ${MB} MB`, relayUp.relayed, relayUp.direct),
      hop(`raw download ${MB} MB`, relayDown.relayed, relayDown.direct),
    ]);
  } finally {
    server?.child.stop();
    relayed.stop();
    stand.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--stub') {
  process.argv.splice(2, 1);
  await stub();
} else if (process.argv[2] === '--relay') {
  await relay(Number(process.argv[3]));
} else if (process.argv[2] === '--serve') {
  const [, stubUrl, parent] = process.argv.splice(2, 3);
  await serve(stubUrl as string, parent as string);
} else {
  await main();
}
