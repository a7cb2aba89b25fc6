import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '@neuralkit/core';
import { decodeIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import type { IdxArray } from './idx-types.js';
import { parseIdx } from './parse-idx.js';
import { gunzipWeb } from './gunzip.js';

const samples: IdxArray[] = [
  { dtype: 'uint8', shape: [2, 3], data: Uint8Array.from([0, 1, 127, 128, 254, 255]) },
  { dtype: 'int8', shape: [4], data: Int8Array.from([-128, -1, 0, 127]) },
  { dtype: 'int16', shape: [2, 2], data: Int16Array.from([-32768, -2, 258, 32767]) },
  { dtype: 'int32', shape: [3], data: Int32Array.from([-(2 ** 31), 16909060, 2 ** 31 - 1]) },
  { dtype: 'float32', shape: [1, 3], data: Float32Array.from([-1.5, 0.1, 3.4e38]) },
  { dtype: 'float64', shape: [2, 1, 1], data: Float64Array.from([Math.PI, -1e-300]) },
];

describe('IDX codec', () => {
  for (const sample of samples) {
    it(`round-trips ${sample.dtype}, raw and gzip`, async () => {
      const bytes = encodeIdx(sample);
      expect(decodeIdx(bytes)).toEqual(sample);
      expect(await parseIdx(gzipSync(bytes))).toEqual(sample);
    });
  }

  it('writes the big-endian layout of the format by hand', () => {
    // magic 00 00 0c 01 (int32, 1 dimension), dimension 00 00 00 01, then 0x01020304 big-endian.
    const bytes = encodeIdx({ dtype: 'int32', shape: [1], data: [0x01020304] });
    expect([...bytes]).toEqual([0, 0, 0x0c, 1, 0, 0, 0, 1, 1, 2, 3, 4]);
    // float32 1.0 is 0x3f800000.
    expect([...encodeIdx({ dtype: 'float32', shape: [1], data: [1] }).subarray(8)]).toEqual([0x3f, 0x80, 0, 0]);
  });

  it('reads uint8 data as a view, without copying', () => {
    const bytes = encodeIdx(samples[0]!);
    const decoded = decodeIdx(bytes);
    expect(decoded.data.buffer).toBe(bytes.buffer);
    expect(decoded.data.byteOffset).toBe(12);
  });

  it('rejects bad input with an error naming the source and the problem', async () => {
    const good = encodeIdx({ dtype: 'uint8', shape: [2, 2], data: [1, 2, 3, 4] });
    const bad = (bytes: Uint8Array) => () => decodeIdx(bytes, { source: 'x.idx' });
    expect(bad(good.subarray(0, 3))).toThrowError('x.idx: truncated file: expected at least a 4-byte magic number, received 3 bytes.');
    expect(bad(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]))).toThrowError(/^x\.idx: wrong magic number: .* received 0x01000801\.$/);
    expect(bad(Uint8Array.from([0, 0, 7, 1, 0, 0, 0, 0]))).toThrowError(/received 0x00000701/);
    expect(bad(good.subarray(0, 10))).toThrowError('x.idx: truncated file: expected a 12-byte header for 2 dimensions, received 10 bytes.');
    expect(bad(good.subarray(0, 15))).toThrowError('x.idx: truncated file: dimensions [2, 2] of uint8 need 16 bytes, received 15.');
    const long = new Uint8Array(18);
    long.set(good);
    expect(bad(long)).toThrowError('x.idx: dimensions [2, 2] of uint8 do not match the size: expected 16 bytes, received 18 (2 extra).');
    expect(bad(good.subarray(0, 3))).toThrowError(DataFormatError);
    const gz = gzipSync(good);
    gz[gz.length - 10] = gz[gz.length - 10]! ^ 0xff; // damages the deflate stream or its CRC
    await expect(parseIdx(gz, { source: 'x.idx.gz' })).rejects.toThrowError(/^x\.idx\.gz: corrupt gzip data: /);
    await expect(parseIdx(gzipSync(good).subarray(0, 20), { source: 'y.gz' })).rejects.toThrowError(/y\.gz: corrupt gzip data: unexpected end of file/);
  });

  it("decompresses with the browsers' DecompressionStream path too", async () => {
    const bytes = encodeIdx(samples[5]!);
    expect(await gunzipWeb(gzipSync(bytes))).toEqual(bytes);
    await expect(gunzipWeb(gzipSync(bytes).subarray(0, 15))).rejects.toThrowError();
  });

  it('refuses to encode data that does not fit the shape or type', () => {
    expect(() => encodeIdx({ dtype: 'uint8', shape: [3], data: [1, 2] })).toThrowError('IDX data has 2 elements, but shape [3] needs 3.');
    expect(() => encodeIdx({ dtype: 'uint16' as never, shape: [1], data: [1] })).toThrowError(/Invalid IDX `dtype`: expected one of uint8, int8/);
    // setUint8 would store 256 as 0 and -1 as 255, and 1.5 as 1: wrong data in a valid-looking file.
    expect(() => encodeIdx({ dtype: 'uint8', shape: [2], data: [1, 256] })).toThrowError(
      'Invalid IDX uint8 value at index 1: expected an integer from 0 to 255, received 256.',
    );
    expect(() => encodeIdx({ dtype: 'int8', shape: [1], data: [-129] })).toThrowError(/expected an integer from -128 to 127, received -129/);
    expect(() => encodeIdx({ dtype: 'int32', shape: [1], data: [1.5] })).toThrowError(/int32 value at index 0: .* received 1\.5/);
    expect(() => encodeIdx({ dtype: 'float32', shape: [2], data: [NaN, 1e39] })).not.toThrow();
  });
});
