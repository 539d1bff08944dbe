/**
 * `npm run bench`: builds the package once, runs every benchmark in its own process (one after the other, so
 * they do not compete for the machine), prints one table of the measures with their ratios and targets, and
 * writes that table, the machine and the command into docs/benchmarks.md (between the `figures` markers).
 *
 *   npm run bench                     all eight
 *   npm run bench -- ingest ratelimit some of them (printed, not written)
 *   npm run bench -- --no-write       all eight, printed only
 *
 * Each benchmark also runs alone: `node --import tsx bench/<name>.ts`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Measure, machine } from './lib.js';

const BENCHMARKS = [
  'ingest',
  'operations',
  'ratelimit',
  'return-all',
  'coldstart',
  'n8n',
  'surfaces',
  'files',
  'tokens',
] as const;
const root = resolve(import.meta.dirname, '..');
const doc = join(root, 'docs/benchmarks.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--'));
// Only a run of all of them replaces the figures in docs/benchmarks.md, so the page always shows one whole run.
const write = !args.includes('--no-write') && chosen.length === 0;
const unknown = chosen.filter((a) => !(BENCHMARKS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${BENCHMARKS.join(', ')}.`);
  process.exit(2);
}
const selected = chosen.length > 0 ? BENCHMARKS.filter((b) => chosen.includes(b)) : [...BENCHMARKS];

function runOne(name: string): Promise<Measure[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', `${name}.ts`)], {
      cwd: root,
      env: { ...process.env, BENCH_BUILD: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line)
        return fail(new Error(`bench/${name}.ts exited with ${code} and no RESULT line`));
      done((JSON.parse(line.slice('RESULT '.length)) as { measures: Measure[] }).measures);
    });
  });
}

const cell = (s: string) => s.replaceAll('|', '\\|');

function table(results: [string, Measure[]][]): string {
  const rows = ['| Benchmark | Measure | Figure | Ratio | Target | Met |', '|---|---|---|---|---|---|'];
  for (const [name, measures] of results) {
    for (const m of measures) {
      rows.push(
        `| ${name} | ${cell(m.measure)} | ${cell(m.value)} | ${cell(m.ratio ?? '')} | ${cell(m.target)} | ${m.met ? 'yes' : '**no**'} |`,
      );
    }
  }
  return rows.join('\n');
}

async function main() {
  console.error('Building the package (dist/) once for the benchmarks that run the host…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const results: [string, Measure[]][] = [];
  for (const name of selected) {
    console.error(`\n== ${name} ==`);
    results.push([name, await runOne(name)]);
  }
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const command = `npm run bench${chosen.length > 0 ? ` -- ${chosen.join(' ')}` : ''}`;
  const figures = [`Run of ${when} UTC on ${machine()}, with \`${command}\`.`, '', table(results)].join('\n');
  console.log(`\n${figures}\n`);
  const missed = results.flatMap(([, ms]) => ms).filter((m) => !m.met).length;
  console.log(missed === 0 ? 'Every target met.' : `${missed} target(s) not met.`);
  if (write) {
    const text = readFileSync(doc, 'utf8');
    const from = text.indexOf(START);
    const to = text.indexOf(END);
    if (from < 0 || to < from) throw new Error(`${doc} has no ${START} … ${END} section`);
    writeFileSync(doc, `${text.slice(0, from + START.length)}\n${figures}\n${text.slice(to)}`);
    console.error(`Figures written to docs/benchmarks.md.`);
  }
}

await main();
