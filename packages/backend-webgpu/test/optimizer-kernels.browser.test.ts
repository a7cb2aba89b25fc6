import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runInChromium } from './chromium.js';
import type { VariantCase } from './browser/optimizer-kernels.entry.js';

interface Result {
  backend: string;
  details: Record<string, unknown>;
  fused: string[];
  registered: string[];
  cases: VariantCase[];
  variants: number;
  variantPipelines: number;
  edge: { shared: string; twice: string; unchanged: number[]; selfGradient: number[]; bigRange: number[] };
  leaked: number;
  error?: string;
}

let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  result = await runInChromium<Result>(new URL('./browser/optimizer-kernels.entry.ts', import.meta.url), 'optimizerResults', 240_000);
}, 300_000);

describe.skipIf(!existsSync(CHROMIUM))('WGSL optimizer update kernels in Chromium WebGPU on SwiftShader, against the generic ops', () => {
  it('are registered for webgpu under the kernel seam names when the adapter activates', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('webgpu');
    expect(result.details).toMatchObject({ architecture: 'swiftshader', runtime: 'browser' });
    expect(result.fused).toEqual(['SGD', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam', 'Adamax', 'Nadam']);
    expect(result.registered).toEqual(result.fused);
  });

  it('give the generic path’s weights and slots after 5 steps, for every variant, at 1,000 and 7,850 values', () => {
    expect(result.cases).toHaveLength(result.variants * 2);
    for (const c of result.cases) {
      const label = `${c.name} (${c.size})`;
      expect(c.inPlace, `${label}: the kernel updated the variable in place`).toBe(true);
      expect(c.genericRebound, `${label}: the reference took the ops path`).toBe(true);
      expect(c.moved, `${label}: the variable moved`).toBeGreaterThan(1e-3);
      expect(c.diffs.length, `${label}: variable and slots compared`).toBeGreaterThanOrEqual(1);
      c.diffs.forEach((d, k) => {
        expect(c.scales[k], `${label} [${k}] is not all zeros`).toBeGreaterThan(0);
        // float32, the same operations in the same order: within a few units in the last place of the
        // largest value (SwiftShader gives identical bits; a GPU may fuse a multiply-add).
        expect(d, `${label} [${k}] (max |value| ${c.scales[k]})`).toBeLessThanOrEqual(1e-6 * c.scales[k]!);
      });
    }
  });

  it('compile one pipeline per variant, reused across sizes and steps', () => {
    expect(result.variantPipelines).toBe(result.variants);
  });

  it('refuse a shared buffer and one buffer passed twice, and accept the variable as its own gradient', () => {
    expect(result.edge.shared).toContain('`variable` shares its buffer (2 references)');
    expect(result.edge.twice).toContain('`momentum` is the same buffer as `variable`');
    expect(result.edge.unchanged).toEqual([1, 2, 3]);
    expect(result.edge.selfGradient).toEqual([0.75, 1.5, 2.25]);
  });

  it('update a variable of 4,200,000 values (a two-dimensional dispatch) everywhere', () => {
    expect(result.edge.bigRange).toEqual([-1, -1]);
  });

  it('leak no tensor', () => {
    expect(result.leaked).toBe(0);
  });
});
