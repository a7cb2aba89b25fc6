import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './temp-dir.js';

// scripts/gpu-check.sh in its CPU-only mode: the pack is built and run exactly as on the GPU
// machine, with cpu in place of webgpu and this machine's node.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'gpu-check.sh');
const pack = tempDir('neuralkit-gpu-check-');
const results = join(pack, 'results');
const check = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 420_000 });
const jsonLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

let build: ReturnType<typeof check>;
beforeAll(() => {
  build = check(['build', '--dry-run', '--pack', pack]);
});
afterAll(removeTempDirs);

describe('scripts/gpu-check.sh --dry-run', () => {
  it('build packs the bundled check, the PyTorch script and MNIST (gzip) under 64 MiB', () => {
    expect(build.status, build.stderr).toBe(0);
    const [line] = jsonLines(build.stdout);
    expect(line).toMatchObject({ dry_run: true, limit: 64 * 1024 * 1024 });
    expect(line.bytes).toBeLessThan(20 * 1024 * 1024);
    expect(readdirSync(pack).sort()).toEqual(['compare-weights.mjs', 'data', 'gpu-check.sh', 'summarize.mjs', 'torch_mnist.py', 'train-check.mjs']);
    expect(readdirSync(join(pack, 'data')).every((f) => f.endsWith('-ubyte.gz'))).toBe(true);
  });

  it('run trains every model with neuralkit, tfjs-layers and PyTorch, compares weights and prints one table', { timeout: 480_000 }, () => {
    const run = check(['run', '--dry-run', '--pack', pack, '--out', results, '--limit', '256', '--test-limit', '500']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const lines = jsonLines(run.stdout);
    const rows = [['lecture', 32], ['lecture', 512], ['mlp-dropout', 32], ['convnet', 128]] as const;
    for (const [model, batch] of rows) {
      const of = (engine: string) => lines.filter((l) => l.engine === engine && l.model === model && (l.batch_size ?? l.batch) === batch);
      const neuralkit = of('neuralkit');
      expect(neuralkit).toHaveLength(2); // the timed run (cpu in place of webgpu) and the cpu reference
      for (const line of neuralkit) {
        expect(line).toMatchObject({ backend: 'cpu', train_samples: 256, test_samples: 500 });
        expect(line.seconds_per_epoch).toHaveLength(1);
        expect(line.test_accuracy).toBeGreaterThan(0.1);
      }
      expect(lines.find((l) => l.compare === 'weights' && l.model === model && l.batch_size === batch)).toMatchObject({ max_abs_diff: 0, agree: true });
      expect(of('tfjs-layers')[0]).toMatchObject({ backend: 'cpu', train_samples: 256 });
      // The adapter's fused kernels: fewer engine kernels a step than tfjs-layers' generic ops.
      expect(neuralkit[0].kernels_per_step).toBeGreaterThan(0);
      expect(neuralkit[0].kernels_per_step).toBeLessThan(of('tfjs-layers')[0].kernels_per_step);
      const torch = of('pytorch')[0];
      // PyTorch where python3 has torch (Debian's python3-torch), a line saying it skipped where not.
      expect(torch.skipped ?? torch.device).toMatch(/^(python3 with torch not found|cpu)$/);
    }
    const table = readFileSync(join(results, 'gpu-check.md'), 'utf8');
    expect(run.stdout).toContain(table.trim());
    expect(table.split('\n').filter((l) => /^\| (lecture|mlp-dropout|convnet) \(\d+\) \| \d+\.\d{3} s, 0\.\d{4}, [\d.]+ kernels\/step \| 0\.00e\+0 /.test(l))).toHaveLength(4);
  });

  it('--model runs one row', { timeout: 120_000 }, () => {
    const run = check(['run', '--dry-run', '--pack', pack, '--out', results, '--model', 'lecture', '--batch', '512', '--limit', '256', '--test-limit', '500']);
    expect(run.status, run.stderr).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(new Set(lines.map((l) => `${l.model} ${l.batch_size ?? l.batch}`))).toEqual(new Set(['lecture 512']));
  });

  it('the comparison fails (exit 1) when weights differ by more than the tolerance', () => {
    const dir = tempDir('neuralkit-gpu-compare-');
    writeFileSync(join(dir, 'a.bin'), Buffer.from(new Float32Array([0.5, 1, -2]).buffer));
    writeFileSync(join(dir, 'b.bin'), Buffer.from(new Float32Array([0.5, 1.01, -2]).buffer));
    const run = spawnSync(process.execPath, [join(pack, 'compare-weights.mjs'), join(dir, 'a.bin'), join(dir, 'b.bin'), '0.001'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ values: 3, agree: false, max_abs_diff: expect.closeTo(0.01, 6) });
  });
});

// The packed check on webgpu through Dawn, with Chromium's Vulkan loader and SwiftShader: the code
// path the GPU machine runs (DAWN_NODE, a loop without synchronous reads), on a software adapter.
const CHROMIUM_LIBS = '/usr/lib/chromium';
const icd = `${CHROMIUM_LIBS}/vk_swiftshader_icd.json`;
describe.skipIf(!existsSync(icd))('the packed check on webgpu (Dawn on SwiftShader)', () => {
  it('trains to the weights cpu gives from the same seed', { timeout: 180_000 }, () => {
    const webgpuDir = dirname(createRequire(join(ROOT, 'packages', 'backend-webgpu', 'package.json')).resolve('webgpu/package.json'));
    const env = { ...process.env, DAWN_NODE: join(webgpuDir, 'dist', 'linux-x64', 'dawn.node'), LD_LIBRARY_PATH: CHROMIUM_LIBS, VK_ICD_FILENAMES: icd };
    const train = (backend: string) => {
      const weights = join(pack, `${backend}.bin`);
      const run = spawnSync(process.execPath, [join(pack, 'train-check.mjs'), '--engine', 'neuralkit', '--backend', backend, '--data', join(pack, 'data'), '--limit', '256', '--test-limit', '1000', '--weights', weights], { encoding: 'utf8', env, timeout: 120_000 });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      return { line: jsonLines(run.stdout)[0], weights };
    };
    const gpu = train('webgpu');
    const cpu = train('cpu');
    expect(gpu.line).toMatchObject({ backend: 'webgpu', adapter: { architecture: 'swiftshader', runtime: 'dawn' }, train_samples: 256 });
    const compare = spawnSync(process.execPath, [join(pack, 'compare-weights.mjs'), gpu.weights, cpu.weights, '1e-5'], { encoding: 'utf8' });
    expect(JSON.parse(compare.stdout)).toMatchObject({ values: 7850, agree: true });
    expect(Math.abs(gpu.line.test_accuracy - cpu.line.test_accuracy)).toBeLessThanOrEqual(0.001);
  });
});
