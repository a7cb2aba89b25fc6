import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataFormatError } from '@neuralkit/core';
import { UsageError } from '../errors.js';

/** A grayscale image: `pixels[y * width + x]` in 0–255. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Float32Array;
}

const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Reads a PNG or JPEG (told apart by their magic bytes, not the extension) as grayscale. */
export async function readGrayImage(path: string): Promise<GrayImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`Image not found: ${path}.`, 'Pass the path of a PNG or JPEG file.');
    throw error;
  }
  return decodeGray(bytes, path);
}

export function decodeGray(bytes: Buffer, source: string): GrayImage {
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    if (isPng(bytes)) rgba = PNG.sync.read(bytes);
    else if (isJpeg(bytes)) rgba = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    else throw new DataFormatError(source, 'expected a PNG or JPEG image, received neither (unknown magic bytes).');
  } catch (error) {
    if ((error as { code?: string }).code === 'DATA_FORMAT') throw error;
    throw new DataFormatError(source, `could not decode the image: ${(error as Error).message}`);
  }
  const { width, height, data } = rgba;
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = data[4 * i + 3]! / 255;
    // ITU-R BT.601 luma; transparent pixels count as white paper.
    const luma = 0.299 * data[4 * i]! + 0.587 * data[4 * i + 1]! + 0.114 * data[4 * i + 2]!;
    pixels[i] = luma * alpha + 255 * (1 - alpha);
  }
  return { width, height, pixels };
}
