/**
 * `pnpm bench`: one epoch of each model (models.ts) with neuralkit and tfjs-layers on the same
 * backend and PyTorch CPU, side by side, each run in a fresh process, alternating the order.
 *
 *   node dist/bench.js [--rounds 2] [--models lecture,mlp-dropout,convnet] [--backends cpu,wasm]
 *                      [--frameworks neuralkit,neuralkit-tensors,tfjs-layers] [--no-torch] [--json]
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MODELS, benchModel } from './models.js';
import type { RunResult } from './run-one.js';
import { renderTable, summarize } from './report.js';
import { TorchRunner, torchAvailable } from './torch.js';

const run = promisify(execFile);
const runOne = fileURLToPath(new URL('./run-one.js', import.meta.url));

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function runChild(model: string, framework: string, backend: string): Promise<RunResult> {
  const { stdout } = await run(process.execPath, [runOne, model, framework, backend], { maxBuffer: 1 << 24 });
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) throw new Error(`${model} with ${framework} on ${backend} printed no result:\n${stdout}`);
  return JSON.parse(line) as RunResult;
}

/** The frameworks one model runs with: the whole-set-tensor variant only for the lecture model. */
function frameworksFor(model: string, asked: readonly string[]): string[] {
  const skipped = benchModel(model).neuralkit();
  return asked.filter((f) => (f !== 'neuralkit-tensors' || model === 'lecture') && (!f.startsWith('neuralkit') || Array.isArray(skipped)));
}

function log(r: RunResult): void {
  console.error(`${r.model} ${r.backend} ${r.framework}: ${r.seconds.toFixed(2)} s, acc ${r.accuracy.toFixed(4)}, ${r.peakRssMb.toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '2'));
  const models = option('models', MODELS.map((m) => m.name).join(',')).split(',');
  const backends = option('backends', 'cpu,wasm').split(',');
  const asked = option('frameworks', 'neuralkit,neuralkit-tensors,tfjs-layers').split(',');
  const torch = !process.argv.includes('--no-torch') && (await torchAvailable()) ? await TorchRunner.create() : undefined;
  const notes: string[] = [];
  const results: RunResult[] = [];
  try {
    for (const model of models) {
      const skipped = benchModel(model).neuralkit();
      if (!Array.isArray(skipped)) notes.push(`${model}: neuralkit skipped, ${skipped.skipped}.`);
      const frameworks = frameworksFor(model, asked);
      for (let round = 0; round < rounds; round++) {
        for (const backend of backends) {
          // Alternate which framework goes first, so neither always runs on a cooler machine.
          for (const framework of round % 2 === 0 ? frameworks : [...frameworks].reverse()) {
            const result = await runChild(model, framework, backend);
            log(result);
            results.push(result);
          }
        }
        if (torch) {
          const result = await torch.run(model);
          log(result);
          results.push(result);
        }
      }
    }
  } finally {
    await torch?.dispose();
  }
  if (!torch && !process.argv.includes('--no-torch')) {
    notes.push('PyTorch CPU: skipped, `/usr/bin/python3 -c "import torch"` failed (Debian: `apt-get install python3-torch`).');
  }
  const rows = summarize(results);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, results, notes }));
  else console.log(renderTable(rows));
  for (const note of notes) console.log(`\n${note}`);
}

await main();
