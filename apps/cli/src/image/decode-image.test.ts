import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { encodeGrayPng } from './encode-png.js';

describe('decodeImage', () => {
  it('reads a PNG as RGBA pixels', () => {
    // A 3×2 gray PNG: every pixel comes back as (v, v, v, 255).
    const image = decodeImage(encodeGrayPng([0, 64, 128, 192, 255, 7], 3, 2), 'gray.png');
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(Array.from(image.data.subarray(4, 8))).toEqual([64, 64, 64, 255]);
    expect(Array.from(image.data.subarray(20, 24))).toEqual([7, 7, 7, 255]);
  });

  it('rejects bytes that are no image, naming the file', () => {
    expect(() => decodeImage(Buffer.from('not an image'), 'x.png')).toThrowError(/x\.png: expected a PNG or JPEG image/);
    const broken = encodeGrayPng([1, 2, 3, 4], 2, 2).subarray(0, 40);
    expect(() => decodeImage(broken, 'cut.png')).toThrowError(/cut\.png: could not decode the image/);
  });
});
