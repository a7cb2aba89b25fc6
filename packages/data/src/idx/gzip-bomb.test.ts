import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '@neuralkit/core';
import { encodeIdx } from './encode-idx.js';
import { gunzip, gunzipWeb } from './gunzip.js';
import { parseIdx } from './parse-idx.js';

// 4 MiB of zeros compress to about 4 KB: with a 1 MiB cap this is a bomb, refused while inflating.
const zeros = new Uint8Array(4 * 2 ** 20);
const bomb = gzipSync(zeros);

describe('gzip bombs', () => {
  it('are refused with the file named, in Node and in the browser path', async () => {
    expect(bomb.length).toBeLessThan(10_000);
    const error = await parseIdx(bomb, { source: 'bomb.idx.gz', maxBytes: 2 ** 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toBe(
      `bomb.idx.gz: gzip data inflates to more than ${2 ** 20} bytes (from ${bomb.length} compressed): refused as a gzip bomb.`,
    );
    await expect(gunzipWeb(bomb, 2 ** 20)).rejects.toThrowError(/more than 1048576 bytes/);
  });

  it('inflate normally under the cap', async () => {
    const idx = encodeIdx({ dtype: 'uint8', shape: [2, 2], data: [1, 2, 3, 4] });
    expect(await gunzip(gzipSync(idx), 'x', idx.length)).toEqual(idx);
    expect(await gunzipWeb(gzipSync(idx), idx.length)).toEqual(idx);
    expect((await parseIdx(gzipSync(idx), { maxBytes: idx.length })).shape).toEqual([2, 2]);
  });

  it('declared dimensions larger than the bytes present are refused before allocating', async () => {
    // [65535, 65535, 65535] of float64 would need 2 PB; the header alone is checked against the size.
    const header = Uint8Array.from([0, 0, 0x0e, 3, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255]);
    await expect(parseIdx(header, { source: 'huge.idx' })).rejects.toThrowError(
      /^huge\.idx: truncated file: dimensions \[65535, 65535, 65535\] of float64 need \d+ bytes, received 16\.$/,
    );
  });
});
