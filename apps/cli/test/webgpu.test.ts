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

  // fit still reads metrics and checks synchronously; tfjs-backend-webgpu cannot in Node.
  it.skipIf(!existsSync(SWIFTSHADER.VK_ICD_FILENAMES))('with an adapter (SwiftShader): activates webgpu, then stops with SyncReadUnavailableError', () => {
    const run = neuralkit(['train', '--backend', 'webgpu', '--data-dir', data, '--epochs', '1', '--seed', '1', '--json'], { env: SWIFTSHADER });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Epoch 1/1');
    expect(run.json.at(-1)!.error).toMatch(/^Cannot read a \w+ tensor of shape \[.*\] synchronously on the webgpu backend in Node/);
  });
});
