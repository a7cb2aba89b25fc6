import { deflateSync } from 'node:zlib';
import { DataFormatError } from '@neuralkit/core';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A PNG written byte by byte from the spec: IHDR, optional PLTE, one IDAT of filter-0 rows. */
function png(o: { width: number; height: number; bitDepth: number; colorType: number; rows: number[][]; palette?: number[] }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr.set([o.bitDepth, o.colorType, 0, 0, 0], 8);
  const raw = Buffer.from(o.rows.flatMap((row) => [0, ...row]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(o.palette ? [chunk('PLTE', Uint8Array.from(o.palette))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const pixels = (image: { data: Uint8Array }) => Array.from(image.data);

describe('PNG variants decode to 8-bit RGBA', () => {
  it('16-bit gray: the high byte gives the value', () => {
    // Two pixels 0xFFFF and 0x8000: 65535/257 = 255, 32768/257 = 127.5 → 128.
    const image = decodeImage(png({ width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0xff, 0xff, 0x80, 0x00]] }), 'g16.png');
    expect(pixels(image)).toEqual([255, 255, 255, 255, 128, 128, 128, 255]);
  });

  it('palette: each index looks up its colour', () => {
    const palette = [10, 20, 30, 200, 100, 50];
    const image = decodeImage(png({ width: 3, height: 1, bitDepth: 8, colorType: 3, rows: [[1, 0, 1]], palette }), 'p.png');
    expect(pixels(image)).toEqual([200, 100, 50, 255, 10, 20, 30, 255, 200, 100, 50, 255]);
  });

  it('gray + alpha: gray copied to RGB, alpha kept', () => {
    const image = decodeImage(png({ width: 2, height: 1, bitDepth: 8, colorType: 4, rows: [[90, 255, 30, 0]] }), 'ga.png');
    expect(pixels(image)).toEqual([90, 90, 90, 255, 30, 30, 30, 0]);
  });

  it('a 20000×20000 PNG is refused from its header, before decoding', () => {
    const header = png({ width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[0]] });
    header.writeUInt32BE(20000, 16);
    header.writeUInt32BE(20000, 20);
    const error = (() => {
      try {
        decodeImage(header, 'huge.png');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toBe(
      'huge.png: the image declares 20000×20000 pixels (400000000), expected at most 16777216: refused before decoding.',
    );
  });

  it('a JPEG past the pixel cap is refused as bad data', () => {
    const small = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 128) }, 90).data;
    expect(decodeImage(small, 's.jpg').width).toBe(8);
    // Patch the SOF0 frame size to 20000×20000.
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    const big = Buffer.from(small);
    big.writeUInt16BE(20000, sof + 5);
    big.writeUInt16BE(20000, sof + 7);
    expect(() => decodeImage(big, 'big.jpg')).toThrowError(/^big\.jpg: could not decode the image: .*maxResolutionInMP/);
  });
});
