// Runs every fuzz suite (*.fuzz.test.ts) with many cases per parser and prints each parser's counts.
// `pnpm fuzz` (10,000 cases per parser), or `pnpm fuzz 500` for a shorter run. Needs `pnpm build` first.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 10_000);
/** An optional part of a suite's path: `pnpm fuzz 10000 h5` runs only the Keras readers. */
const only = process.argv[3];
/**
 * A suite that prints no new count for this long has hung: a parser stuck in a synchronous loop
 * never yields, so fast-check's per-case timeout cannot fire. It is killed and reported as a defect.
 */
const STALL_MS = Number(process.env.FUZZ_STALL_SECONDS ?? 600) * 1000;

/** Runs one suite, streaming its count lines as they come; kills its process group on a stall. */
function runSuite(dir, file) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', file], {
      cwd: join(root, dir),
      env: { ...process.env, FUZZ_RUNS: String(runs), NO_COLOR: '1', FORCE_COLOR: '0' },
      detached: true,
    });
    let output = '';
    let last = '';
    let stalled = false;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        process.kill(-child.pid, 'SIGKILL');
      }, STALL_MS);
    };
    const take = (chunk) => {
      output += chunk;
      const newest = output.split('\n').filter((l) => l.startsWith('fuzz ')).at(-1);
      if (newest !== undefined && newest !== last) {
        last = newest;
        console.error(newest);
        arm();
      }
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    arm();
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: stalled ? 1 : status, output, stalled });
    });
  });
}
const SUITES = [
  ['packages/data', 'src/idx/idx.fuzz.test.ts'],
  ['packages/h5', 'src/keras-files.fuzz.test.ts'],
  ['packages/model', 'src/io/model-json.fuzz.test.ts'],
  ['apps/cli', 'src/image/decode-image.fuzz.test.ts'],
  ['apps/cli', 'src/parse-options.fuzz.test.ts'],
];

const lines = [];
let failed = false;
for (const [dir, file] of SUITES.filter(([d, f]) => !only || `${d}/${f}`.includes(only))) {
  console.error(`fuzzing ${dir}/${file} with ${runs} cases per parser...`);
  const result = await runSuite(dir, file);
  const { output } = result;
  const counts = output.split('\n').filter((l) => l.startsWith('fuzz ') && !l.endsWith('(running)'));
  lines.push(...counts);
  if (result.status !== 0) {
    failed = true;
    const defect = result.stalled
      ? `a hang: no new count for ${STALL_MS / 1000} s after "${output.split('\n').filter((l) => l.startsWith('fuzz ')).at(-1) ?? 'the start'}"`
      : output.split('\n').find((l) => l.includes('fuzz defect'));
    lines.push(`FAILED ${dir}/${file}: ${defect ?? 'see its output'}`);
    console.error(output.slice(-4000));
  }
}
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
