import { describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';

describe('neuralkit backends', () => {
  it('lists every adapter, marks wasm as the auto choice here, and explains cuda', () => {
    const run = neuralkit(['backends']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cuda\s+no\s+@tensorflow\/tfjs-node-gpu/m);
    expect(run.stdout).toMatch(/^wasm\s+yes\s+chosen by --backend auto/m);
    expect(run.stdout).toMatch(/^cpu\s+yes/m);
    expect(run.stdout).toMatch(/^webgl\s+no\s+WebGL needs a browser/m);
    // No Vulkan loader on this machine: Dawn finds no adapter and the line says why.
    expect(run.stdout).toMatch(/^webgpu\s+no\s+Dawn \(the webgpu package\) found no GPU adapter: the Vulkan loader libvulkan\.so\.1/m);
    expect(run.stdout).toContain('CUDA 11.2 and cuDNN 8.1');
    // Each library libtensorflow 2.9 would not find here, by the name it asks the loader for.
    expect(run.stdout).toMatch(/cuda: .*Missing CUDA libraries \(searched LD_LIBRARY_PATH, .*\): .*libcudart\.so\.11\.0.*libcudnn\.so\.8/);
  });

  it('--json prints one object listing { name, available } for each', () => {
    const run = neuralkit(['backends', '--json']);
    expect(run.status).toBe(0);
    expect(run.json).toHaveLength(1);
    const result = run.json[0]!;
    expect(result.auto).toBe('wasm');
    expect(result.backends.map((b: { name: string; available: boolean }) => [b.name, b.available])).toEqual([
      ['cuda', false], ['wasm', true], ['cpu', true], ['webgpu', false], ['webgl', false],
    ]);
  });
});

describe('usage errors', () => {
  it('a negative epoch count: exit code 2 and a message naming the option, no stack', () => {
    const run = neuralkit(['train', '--epochs', '-3']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--epochs expected a positive integer, received -3');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown command or option: exit code 2', () => {
    expect(neuralkit(['fly']).status).toBe(2);
    expect(neuralkit(['train', '--epoch', '3']).status).toBe(2);
    expect(neuralkit(['train', '--backend', 'tpu']).stderr).toMatch(/Allowed choices are auto, cpu, wasm, cuda, webgpu/);
  });

  it('--help exits 0 and lists the commands', () => {
    const run = neuralkit(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['train', 'evaluate', 'predict', 'convert', 'summary', 'backends']) expect(run.stdout).toContain(command);
  });
});
