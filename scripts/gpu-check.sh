#!/usr/bin/env bash
# CUDA check for a machine with an NVIDIA GPU (Linux x64, driver, CUDA 11.2 + cuDNN 8.1
# on LD_LIBRARY_PATH, and network access to storage.googleapis.com for libtensorflow).
# Installs the CUDA adapter's native binding, trains one epoch of the lecture's model on
# cuda and on cpu from the same seed, compares the weights and prints seconds per epoch.
# Usage: bash scripts/gpu-check.sh [--epochs N] [--tolerance T]     (from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."

EPOCHS=1
TOLERANCE=0.001
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) EPOCHS="$2"; shift 2 ;;
    --tolerance) TOLERANCE="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

command -v nvidia-smi >/dev/null || { echo "nvidia-smi not found: this check needs an NVIDIA GPU and driver." >&2; exit 2; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

# 1. Dependencies and build (the binding's install script is not run by pnpm by default).
pnpm install --frozen-lockfile
GPU_PKG="$(node -p "require('path').dirname(require.resolve('@tensorflow/tfjs-node-gpu/package.json', { paths: ['packages/backend-cuda'] }))")"
if ! ls "$GPU_PKG"/lib/napi-v*/tfjs_binding.node >/dev/null 2>&1; then
  echo "Installing the native binding of @tensorflow/tfjs-node-gpu (downloads libtensorflow)..."
  (cd "$GPU_PKG" && node scripts/install.js gpu download)
fi
pnpm build
node apps/cli/dist/bin.js backends

# 2. One epoch on each backend from the same seed.
# Initial weights, shuffling and dropout come from neuralkit's seeded JS stream, so both runs start
# identical; what differs is float rounding. NVIDIA_TF32_OVERRIDE=0 keeps cuBLAS/cuDNN in full float32
# (Ampere and later GPUs otherwise use TF32 for float32 matrix products, about 1e-3 relative).
export NVIDIA_TF32_OVERRIDE=0
OUT="$(mktemp -d)"
for backend in cuda cpu; do
  node apps/cli/dist/bin.js train --backend "$backend" --epochs "$EPOCHS" --seed 42 --json \
    --out "$OUT/$backend.json" > "$OUT/$backend.log"
  tail -n 1 "$OUT/$backend.log"
done

# 3. Compare the weights and the timings.
node --input-type=module - "$OUT" "$EPOCHS" "$TOLERANCE" <<'JS'
import { readFileSync } from 'node:fs';
const [dir, epochs, tolerance] = process.argv.slice(2);
const last = (b) => JSON.parse(readFileSync(`${dir}/${b}.log`, 'utf8').trim().split('\n').pop());
const weights = (b) => {
  const manifest = JSON.parse(readFileSync(`${dir}/${b}.json`, 'utf8')).weightsManifest;
  const bytes = manifest.flatMap((g) => g.paths.map((p) => readFileSync(`${dir}/${p}`)));
  const all = Buffer.concat(bytes);
  return new Float32Array(all.buffer, all.byteOffset, all.byteLength / 4);
};
const [gpu, cpu] = [weights('cuda'), weights('cpu')];
let maxDiff = 0;
for (let i = 0; i < cpu.length; i++) maxDiff = Math.max(maxDiff, Math.abs(gpu[i] - cpu[i]));
const [g, c] = [last('cuda'), last('cpu')];
console.log(`weights: ${cpu.length} values, max |cuda - cpu| = ${maxDiff.toExponential(3)} (tolerance ${tolerance})`);
console.log(`seconds per epoch (whole job / epochs): cuda ${(g.seconds / epochs).toFixed(2)}, cpu ${(c.seconds / epochs).toFixed(2)}`);
console.log(`test accuracy: cuda ${g.test_accuracy}, cpu ${c.test_accuracy}`);
if (g.backend !== 'cuda') { console.error(`expected the cuda backend, ran on ${g.backend}`); process.exit(1); }
if (!(maxDiff <= Number(tolerance))) { console.error('cuda and cpu weights disagree'); process.exit(1); }
JS
