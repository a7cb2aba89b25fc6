import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';

// Chromium (which CI installs for the browser tests) ships the Vulkan loader and SwiftShader.
const CHROMIUM_LIBS = '/usr/lib/chromium';
const icd = `${CHROMIUM_LIBS}/vk_swiftshader_icd.json`;

describe.skipIf(!existsSync(icd))('webgpuBackend in Node on a software Vulkan adapter (SwiftShader)', () => {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('./swiftshader-child.mjs', import.meta.url))], {
    encoding: 'utf8',
    env: { ...process.env, LD_LIBRARY_PATH: CHROMIUM_LIBS, VK_ICD_FILENAMES: icd },
    timeout: 60_000,
  });
  const report = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').pop()!) : undefined;

  it('activates tfjs webgpu through Dawn and names the adapter', () => {
    expect(child.stderr).not.toMatch(/Error/);
    expect(report.backend).toBe('webgpu');
    expect(report.details).toMatchObject({ architecture: 'swiftshader', runtime: 'dawn', syncReads: false });
  });

  it('computes a dense softmax equal to cpu within float32 tolerance', async () => {
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => {
      const x = tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.75], [2, 3]);
      const w = tf.tensor2d([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [3, 2]);
      return tf.softmax(tf.add(tf.matMul(x, w), tf.tensor1d([0.05, -0.05])));
    });
    const cpu = Array.from(await expected.data());
    expected.dispose();
    report.softmax.forEach((v: number, i: number) => expect(v).toBeCloseTo(cpu[i]!, 6));
  });

  it('throws SyncReadUnavailableError for dataSync() of a tensor on the GPU, and reads cached values', () => {
    expect(report.syncRead).toMatchObject({ name: 'SyncReadUnavailableError', code: 'SYNC_READ_UNAVAILABLE' });
    expect(report.syncRead.message).toContain('float32 tensor of shape [2, 2]');
    expect(report.syncRead.message).toContain('await tensor.data()');
    expect(report.afterAsyncRead).toEqual(report.softmax);
    expect(report.leaked).toBe(0);
  });

  it('updates Adam (amsgrad) in place through the WGSL kernel in Dawn, as the generic ops path does', () => {
    expect(report.adam.inPlace).toBe(true);
    expect(report.adam.moved).toBeGreaterThan(0.1); // 4 steps of about lr = 0.05
    expect(report.adam.maxDiff).toBeLessThan(1e-6);
  });

  it('trains the MLP with Dropout and a convnet through the whole-step program in Dawn as the per-kernel path does, in fewer dispatches', () => {
    const { lossDiff, weightDiff, moved, dispatches } = report.wholeStep;
    expect(moved).toBe(true);
    expect(lossDiff).toBeLessThan(1e-4);
    expect(weightDiff).toBeLessThan(1e-4);
    // The MLP: 10 steps (5 an epoch), 10 dispatches a step, plus fit's reads; the per-kernel path takes more than 14 a step.
    expect(dispatches[0]).toBeLessThan(dispatches[1]);
    expect(dispatches[1]).toBeGreaterThan(140);
    // Timed (timestamp queries) without changing what it computes: every one of the 10 passes, some GPU time.
    expect(report.wholeStep.timing.passes).toBe(10);
    expect(report.wholeStep.timing.gpuMs).toBeGreaterThan(0);
    // And a convnet (Conv2D, MaxPooling2D, Dropout, Dense).
    expect(report.wholeStep.conv.moved).toBeGreaterThan(1e-3);
    expect(report.wholeStep.conv.lossDiff).toBeLessThan(1e-4);
    expect(report.wholeStep.conv.weightDiff).toBeLessThan(1e-4);
  });

  it("says so once and trains on through tfjs when the device refuses the program's commands", () => {
    const { taken, warnings, finite, moved } = report.refused;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the device refused a training step');
    // Some steps were handed to the program before the refusal came back, never all 10.
    expect(taken).toBeGreaterThanOrEqual(1);
    expect(taken).toBeLessThan(10);
    expect(finite).toBe(true);
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('runs the model kernels (crossentropy, Dense with relu, gatherRows) in Dawn as the generic ops do', () => {
    expect(report.seam).toHaveLength(4);
    report.seam.forEach((d: number, i: number) => expect(d, `kernel ${i}`).toBeLessThan(1e-5));
  });
});
