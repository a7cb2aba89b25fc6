// Runs every fuzz suite (*.fuzz.test.ts) with many cases per parser and prints each parser's counts.
// `pnpm fuzz` (10,000 cases per parser), or `pnpm fuzz 500` for a shorter run. Needs `pnpm build` first.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 10_000);
/** An optional part of a suite's path: `pnpm fuzz 10000 h5` runs only the Keras readers. */
const only = process.argv[3];
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
  const result = spawnSync('npx', ['vitest', 'run', file], {
    cwd: join(root, dir),
    env: { ...process.env, FUZZ_RUNS: String(runs), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const output = `${result.stdout}${result.stderr}`;
  const counts = output.split('\n').filter((l) => l.startsWith('fuzz '));
  console.error(counts.join('\n'));
  lines.push(...counts);
  if (result.status !== 0) {
    failed = true;
    const defect = output.split('\n').find((l) => l.includes('fuzz defect'));
    lines.push(`FAILED ${dir}/${file}: ${defect ?? 'see its output'}`);
    console.error(output.slice(-4000));
  }
}
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
