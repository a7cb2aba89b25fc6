import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { smallMnistDir } from './small-mnist.js';
import { removeTempDirs } from './temp-dir.js';

// Chromium (installed by CI for the browser tests) ships a Vulkan loader and SwiftShader, a CPU
// implementation of Vulkan on which Dawn finds a real WebGPU adapter.
const CHROMIUM_LIBS = '/usr/lib/chromium';
const SWIFTSHADER = { LD_LIBRARY_PATH: CHROMIUM_LIBS, VK_ICD_FILENAMES: `${CHROMIUM_LIBS}/vk_swiftshader_icd.json` };

let data: string;
beforeAll(async () => {
  data = await smallMnistDir(256, 64);
});
afterAll(removeTempDirs);

describe('neuralkit train --backend webgpu in Node', () => {
  it('without a GPU adapter: exit 2 and the missing piece (the Vulkan loader), no stack', () => {
    const run = neuralkit(['train', '--backend', 'webgpu', '--data-dir', data, '--epochs', '1', '--json']);
    expect(run.status).toBe(2);
    expect(run.json.at(-1)).toMatchObject({ error: expect.stringContaining('found no GPU adapter: the Vulkan loader libvulkan.so.1'), exit_code: 2 });
    expect(run.stderr).not.toMatch(/\n\s+at (?!operator)/); // Dawn's own warning names its C++ source; no JS stack
  });

  // fit, evaluate and predict read with awaited reads only, which tfjs-backend-webgpu serves in Node.
  it.skipIf(!existsSync(SWIFTSHADER.VK_ICD_FILENAMES))('with an adapter (SwiftShader): trains, and matches cpu from the same seed', () => {
    const args = ['train', '--data-dir', data, '--epochs', '1', '--seed', '1', '--json'];
    const gpu = neuralkit([...args, '--backend', 'webgpu'], { env: SWIFTSHADER, timeout: 300_000 });
    expect(gpu.status, gpu.stderr).toBe(0);
    expect(gpu.stderr).toContain('Epoch 1/1');
    const cpu = neuralkit([...args, '--backend', 'cpu']);
    expect(cpu.status, cpu.stderr).toBe(0);
    const summary = (run: typeof gpu) => run.json.at(-1)!;
    const epoch = (run: typeof gpu) => run.json.find((r) => r.epoch === 1)!;
    expect(summary(gpu).backend).toBe('webgpu');
    expect(summary(cpu).backend).toBe('cpu');
    // float32 on two backends: the same weights up to rounding, so the same figures up to rounding.
    expect(Math.abs(epoch(gpu).loss - epoch(cpu).loss), JSON.stringify(gpu.json)).toBeLessThan(1e-3);
    expect(Math.abs(summary(gpu).test_loss - summary(cpu).test_loss)).toBeLessThan(1e-3);
    expect(Math.abs(summary(gpu).test_accuracy - summary(cpu).test_accuracy)).toBeLessThanOrEqual(1 / 64 + 1e-9);
  });
});
