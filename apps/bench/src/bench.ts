/**
 * `pnpm bench`: one epoch of the lecture model with neuralkit and with tfjs-layers on the same
 * backend, alternating, each run in a fresh process; PyTorch CPU too when the system Python has it.
 *
 *   node dist/bench.js [--rounds 2] [--backends cpu,wasm] [--models lecture,convnet] [--no-torch] [--json]
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunResult } from './run-one.js';
import { renderTable, summarize } from './report.js';
import { runTorch, torchAvailable } from './torch.js';

const run = promisify(execFile);
/** neuralkit on byte-backed MNIST, neuralkit on whole-set tensors (the lecture program verbatim), tfjs-layers. */
const FRAMEWORKS = ['neuralkit', 'neuralkit-tensors', 'tfjs-layers'];
/** Keras's MNIST convnet (opt in with `--models convnet`: an epoch takes minutes on a CPU). */
const CONVNET_FRAMEWORKS = ['neuralkit-convnet', 'tfjs-layers-convnet'];
const runOne = fileURLToPath(new URL('./run-one.js', import.meta.url));

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function runChild(framework: string, backend: string): Promise<RunResult> {
  const { stdout } = await run(process.execPath, [runOne, framework, backend], { maxBuffer: 1 << 24 });
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) throw new Error(`${framework} on ${backend} printed no result:\n${stdout}`);
  return JSON.parse(line) as RunResult;
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '2'));
  const backends = option('backends', 'cpu,wasm').split(',');
  const models = option('models', 'lecture').split(',');
  const frameworks = [...(models.includes('lecture') ? FRAMEWORKS : []), ...(models.includes('convnet') ? CONVNET_FRAMEWORKS : [])];
  const results: RunResult[] = [];
  for (const backend of backends) {
    for (let round = 0; round < rounds; round++) {
      // Alternate which framework goes first, so neither always runs on a cooler machine.
      const order = round % 2 === 0 ? frameworks : [...frameworks].reverse();
      for (const framework of order) {
        const result = await runChild(framework, backend).catch((error: Error) => {
          console.error(`${backend} ${framework}: failed (${error.message.split('\n').find((l) => /Error|not registered/.test(l)) ?? error.message})`);
          return undefined;
        });
        if (!result) continue;
        console.error(`${backend} ${framework}: ${result.seconds.toFixed(2)} s, acc ${result.accuracy.toFixed(4)}, ${result.peakRssMb.toFixed(0)} MB`);
        results.push(result);
      }
    }
  }
  let torchNote = '';
  if (!process.argv.includes('--no-torch')) {
    if (await torchAvailable()) {
      for (let round = 0; round < rounds; round++) results.push(await runTorch());
    } else {
      torchNote =
        'PyTorch CPU: skipped, `/usr/bin/python3 -c "import torch"` failed. Install it with ' +
        '`apt-get install python3-torch` (Debian) to include it.';
    }
  }
  const rows = summarize(results);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, results }));
  else console.log(renderTable(rows));
  if (torchNote) console.log(`\n${torchNote}`);
}

await main();
