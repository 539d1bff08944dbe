/**
 * Cold start, from the built package (`dist/`, what `npm start` runs): importing the connector and reading its
 * manifest, and a host process from spawn to a healthy /health. Medians of 7 fresh processes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../server/free-port.js';
import { fmt, type Measure, median, report } from './lib.js';

const RUNS = 7;
const root = resolve(import.meta.dirname, '..');

function importTime(): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(join(root, 'dist/index.js'))}); const n = m.default.manifest.operations.length; console.log(JSON.stringify({ ms: performance.now() - t, n }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out) as { ms: number }).ms;
}

async function hostStart(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-cold-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'c.db')}`,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 20_000) throw new Error('host did not start');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(join(root, 'dist/index.js')) || process.env.BENCH_BUILD !== '0') {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  const imports: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    imports.push(importTime());
    starts.push(await hostStart());
  }
  const importMs = median(imports);
  const startMs = median(starts);
  const measures: Measure[] = [
    {
      measure: 'import the connector and build its manifest',
      value: `${fmt(importMs)} ms (median of ${RUNS})`,
      target: '<= 300 ms',
      met: importMs <= 300,
      details: { imports },
    },
    {
      measure: 'host start to a healthy /health',
      value: `${fmt(startMs)} ms (median of ${RUNS})`,
      target: '<= 1,500 ms',
      met: startMs <= 1500,
      details: { starts },
    },
  ];
  report('coldstart', measures);
}

await main();
