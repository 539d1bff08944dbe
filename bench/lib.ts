import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One measure of a benchmark: its figure, the comparison it is judged by, and whether the target is met. */
export interface Measure {
  measure: string;
  value: string;
  ratio?: string;
  target: string;
  met: boolean;
  details?: Record<string, unknown>;
}

/** Print a benchmark's measures as a `RESULT` line (read by bench/run.ts) and as a readable table. */
export function report(name: string, measures: Measure[]): void {
  console.log(`RESULT ${JSON.stringify({ name, measures })}`);
  for (const m of measures) {
    console.error(
      `${m.met ? 'ok  ' : 'MISS'} ${m.measure}: ${m.value}${m.ratio ? ` (${m.ratio})` : ''} — target ${m.target}`,
    );
  }
}

export interface Child {
  child: ChildProcess;
  port: number;
  /** The API key a host child printed beside its port (empty for other children). */
  key: string;
  /** Further words of the READY line, if the child printed any. */
  extra: string[];
  stop(): void;
}

/** Start a process that prints `READY <port>` (a host: `READY <port> <API key>`) when it listens. */
export async function startChild(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { port, key, extra } = await new Promise<{ port: number; key: string; extra: string[] }>(
    (resolve, reject) => {
      let buffer = '';
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /READY (\d+)(?: (\S+))?(?: ([^\n]*))?\n/.exec(buffer);
        if (!match) return;
        resolve({ port: Number(match[1]), key: match[2] ?? '', extra: match[3]?.split(' ') ?? [] });
        // From now on the child's output (a host's log) is read and dropped: kept and searched, it would cost this
        // process, which also runs the load, more and more CPU per line.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        buffer = '';
      };
      child.stdout?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    },
  );
  return {
    child,
    port,
    key,
    extra,
    stop: () => child.kill(process.env.BENCH_PROFILE ? 'SIGINT' : 'SIGKILL'),
  };
}

/**
 * The Node options of the host's start script (`node <options> dist/server/main.js` in package.json): a host a
 * benchmark starts runs with them, as `npm start` runs it. `BENCH_HOST_NODE_OPTIONS`, when set, replaces them
 * (`''` for none), to compare.
 */
export function hostNodeOptions(): string[] {
  const override = process.env.BENCH_HOST_NODE_OPTIONS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /^node ((?:--\S+ )*)dist\/server\/main\.js$/.exec(scripts.start ?? '');
  if (!match) throw new Error(`package.json's start script is not \`node [options] dist/server/main.js\``);
  return (match[1] as string).split(' ').filter(Boolean);
}

/** The CPU seconds (user + system) a process has used so far, from /proc (NaN where there is none). */
export function cpuSeconds(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in brackets: utime, stime in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ, what /proc counts CPU time in: 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;

export const stub = (mode: 'fast' | 'limited', total = 100_000) =>
  startChild(['--import', 'tsx', 'bench/stub.ts', mode, String(total)]);

/** The middle value (the upper one of an even count). */
export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
