import { InvalidArgumentError } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { mutatedBytes } from './mutations.js';
import { runFuzz } from './run-fuzz.js';

const seed = new TextEncoder().encode('a small seed file of forty-odd bytes......');

describe('runFuzz', () => {
  it('counts typed errors and successes', async () => {
    const counts = await runFuzz(
      {
        parser: 'toy',
        inputs: mutatedBytes([seed]),
        parse: (bytes) => {
          if (bytes.length !== seed.length) throw new InvalidArgumentError(`toy.bin: length ${bytes.length}`);
        },
        source: 'toy.bin',
      },
      { runs: 100 },
    );
    expect(counts.cases).toBe(100);
    expect(counts.typedErrors + counts.successes).toBe(100);
    expect(counts.typedErrors).toBeGreaterThan(0);
    expect(counts.successes).toBeGreaterThan(0);
  });

  it('fails on a raw TypeError, and on a typed error that does not name the file, with a seed to replay', async () => {
    const raw = runFuzz({ parser: 'raw', inputs: mutatedBytes([seed]), parse: (b) => (b as unknown as { x: { y: 1 } }).x.y }, { runs: 10 });
    await expect(raw).rejects.toThrowError(/^raw: fuzz defect \(replay with FUZZ_SEED=-?\d+\): TypeError: Cannot read properties of undefined/);
    const unnamed = runFuzz(
      { parser: 'unnamed', inputs: mutatedBytes([seed]), parse: () => { throw new InvalidArgumentError('no file here'); }, source: 'toy.bin' },
      { runs: 10 },
    );
    await expect(unnamed).rejects.toThrowError(/unnamed: fuzz defect .*InvalidArgumentError: no file here/);
  });
});
