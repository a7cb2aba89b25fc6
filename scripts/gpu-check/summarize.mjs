// The GPU check's table, from the JSON lines of one run (gpu-check.jsonl): one row per model and
// batch size, neuralkit, tfjs-layers and PyTorch side by side, and the target of each row.
// `node summarize.mjs gpu-check.jsonl <gpu backend>`; prints Markdown.
import { readFileSync } from 'node:fs';

const [file, gpu = 'webgpu'] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l));

/** Seconds per epoch on the GPU the issue's targets ask for (H200), by model and batch size. */
const TARGETS = { 'lecture 32': 0.5, 'lecture 512': 0.06, 'mlp-dropout 32': 0.8, 'convnet 128': 1.0 };

const batchOf = (l) => l.batch_size ?? l.batch;
const rowsOf = [...new Set(lines.filter((l) => l.model && batchOf(l) !== undefined).map((l) => `${l.model} ${batchOf(l)}`))];
const seconds = (l) => (l?.seconds_per_epoch ? l.seconds_per_epoch.at(-1) : l?.seconds);
const accuracy = (l) => l?.test_accuracy ?? l?.accuracy;
const fmt = (v, digits) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const kernels = (l) => (l?.kernels_per_step === undefined ? '' : `, ${l.kernels_per_step} kernels/step`) +
  (l?.dispatches_per_step === undefined ? '' : `, ${l.dispatches_per_step} dispatches and ${l.submits_per_step} submits/step`) +
  (l?.whole_step_js_us === undefined ? '' : `, whole steps ${l.whole_steps} at ${l.whole_step_js_us} µs of JS each`) +
  (l?.whole_step_gpu_us === undefined ? '' : ` and ${l.whole_step_gpu_us} µs of GPU`);
const cell = (l) => (l?.error ? 'failed' : l?.skipped ? 'skipped' : `${fmt(seconds(l), 3)} s, ${fmt(accuracy(l), 4)}${kernels(l)}`);

const out = [
  `| model (batch) | neuralkit ${gpu}: s/epoch, accuracy, kernels | largest weight difference from cpu | neuralkit cpu accuracy | tfjs-layers ${gpu} | PyTorch ${gpu === 'cpu' ? 'cpu' : 'CUDA'} | target | met |`,
  '|---|---|---|---|---|---|---|---|',
];
for (const row of rowsOf) {
  const [model, batch] = row.split(' ');
  const of = (pred) => lines.filter((l) => l.model === model && String(batchOf(l)) === batch && pred(l));
  const neuralkit = of((l) => l.engine === 'neuralkit' && l.backend === gpu);
  // The timed run is the one on the most samples (the convnet's comparison run is a shorter one).
  const timed = neuralkit.sort((a, b) => (b.train_samples ?? 0) - (a.train_samples ?? 0))[0];
  const cpu = of((l) => l.engine === 'neuralkit' && l.backend === 'cpu').at(-1);
  const compare = of((l) => l.compare === 'weights').at(-1);
  const layers = of((l) => l.engine === 'tfjs-layers').at(-1);
  const torch = of((l) => l.engine === 'pytorch').at(-1);
  // The targets are GPU figures: a dry run on cpu has none.
  const target = gpu === 'cpu' ? undefined : TARGETS[row];
  const met = target === undefined || !timed || timed.error ? '—' : seconds(timed) <= target ? 'yes' : 'no';
  const diff = compare ? `${compare.max_abs_diff.toExponential(2)} (${compare.values} values${cpu && cpu.train_samples !== timed?.train_samples ? `, ${cpu.train_samples} samples` : ''})` : '—';
  out.push(`| ${model} (${batch}) | ${cell(timed)} | ${diff} | ${fmt(accuracy(cpu), 4)} | ${cell(layers)} | ${cell(torch)} | ${target === undefined ? '—' : `≤ ${target} s`} | ${met} |`);
}
const samples = lines.find((l) => l.engine === 'neuralkit' && l.train_samples)?.train_samples;
out.push(
  '',
  `One epoch of ${samples ?? '?'} training images each; accuracy on the test images; kernels/step: the engine's kernels per ` +
    `training step over the epoch, fit's own work included. The weight difference compares the same seed and data on ${gpu} and cpu.`,
);
console.log(out.join('\n'));
