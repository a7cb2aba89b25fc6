// Compares two float32 weight files of scripts/gpu-check.sh runs; prints one JSON line (with the
// model and batch size when given) and exits 1 when they differ by more than the tolerance.
import { readFileSync } from 'node:fs';

const [gpuFile, cpuFile, tolerance, model, batch] = process.argv.slice(2);
const read = (file) => {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
const [gpu, cpu] = [read(gpuFile), read(cpuFile)];
let maxDiff = gpu.length === cpu.length ? 0 : Infinity;
for (let i = 0; i < Math.min(gpu.length, cpu.length); i++) maxDiff = Math.max(maxDiff, Math.abs(gpu[i] - cpu[i]));
const agree = maxDiff <= Number(tolerance);
const row = model ? { model, batch_size: Number(batch) } : {};
console.log(JSON.stringify({ compare: 'weights', ...row, values: cpu.length, max_abs_diff: maxDiff, tolerance: Number(tolerance), agree }));
if (!agree) process.exitCode = 1;
