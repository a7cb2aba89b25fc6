import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The package is `sideEffects: false`: a bundler drops any module imported only for what it does
// on import. The ONNX converters of the convolution layers must survive tree shaking of `toOnnx`.
describe('toOnnx in a tree-shaken bundle', () => {
  it('keeps the convolution and pooling converters', async () => {
    const result = await build({
      stdin: { contents: "export { toOnnx } from './src/index.ts';", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
      bundle: true, write: false, format: 'esm', platform: 'node', packages: 'external', treeShaking: true, logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    for (const op of ['"Conv"', '"MaxPool"', '"GlobalAveragePool"', '"BatchNormalization"']) expect(text).toContain(op);
  });
});
