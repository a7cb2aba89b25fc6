import { PNG } from 'pngjs';

/** A grayscale 0–255 image as PNG bytes (for the report's digit grid and for tests). */
export function encodeGrayPng(pixels: ArrayLike<number>, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const v = Math.max(0, Math.min(255, Math.round(pixels[i]!)));
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}
