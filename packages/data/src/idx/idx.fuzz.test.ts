import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fuzzRuns, fuzzTimeout, mutatedBytes, runFuzz } from '@neuralkit/testing/fuzz';
import { describe, expect, it } from 'vitest';
import { embeddedMnistDir } from '../sources/embedded-dir.js';
import { encodeIdx } from './encode-idx.js';
import { parseIdx } from './parse-idx.js';

const SOURCE = 'fuzz-input.idx';

/** Real MNIST files: the test labels and the first 50 test images, re-encoded with their header. */
async function realIdxFiles(): Promise<Uint8Array[]> {
  const dir = await embeddedMnistDir();
  const labels = new Uint8Array(readFileSync(join(dir, 't10k-labels-idx1-ubyte')));
  const images = new Uint8Array(readFileSync(join(dir, 't10k-images-idx3-ubyte')));
  const first50 = encodeIdx({ dtype: 'uint8', shape: [50, 28, 28], data: images.subarray(16, 16 + 50 * 784) });
  const floats = encodeIdx({ dtype: 'float32', shape: [3, 4], data: Array.from({ length: 12 }, (_, i) => i / 7) });
  return [labels, first50, floats];
}

describe('IDX parser under fuzzing: every input parses or gives a NeuralkitError naming the file', () => {
  it('plain IDX', async () => {
    const counts = await runFuzz(
      { parser: 'IDX (plain)', inputs: mutatedBytes(await realIdxFiles()), parse: (bytes) => parseIdx(bytes, { source: SOURCE }), source: SOURCE },
      { runs: fuzzRuns(200) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
  }, fuzzTimeout(30_000));

  it('gzip IDX', async () => {
    const seeds = (await realIdxFiles()).map((bytes) => new Uint8Array(gzipSync(bytes)));
    const counts = await runFuzz(
      { parser: 'IDX (gzip)', inputs: mutatedBytes(seeds), parse: (bytes) => parseIdx(bytes, { source: SOURCE, maxBytes: 2 ** 20 }), source: SOURCE },
      { runs: fuzzRuns(200) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
  }, fuzzTimeout(30_000));
});
