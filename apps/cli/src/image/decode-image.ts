import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataFormatError } from '@neuralkit/core';
import { UsageError } from '../errors.js';
import { MAX_IMAGE_PIXELS, checkImageSize, pngSize } from './image-size-limit.js';

/** Decoded pixels, RGBA row-major 0–255: what `digitImage` from @neuralkit/data takes. */
export interface DecodedImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Reads a PNG or JPEG, told apart by their magic bytes, not the extension. */
export async function readImage(path: string): Promise<DecodedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`Image not found: ${path}.`, 'Pass the path of a PNG or JPEG file.');
    throw error;
  }
  return decodeImage(bytes, path);
}

/** Decodes PNG (8/16-bit, gray, gray+alpha, palette, RGB, RGBA) or JPEG bytes to 8-bit RGBA. */
export function decodeImage(bytes: Buffer, source: string): DecodedImage {
  if (isPng(bytes)) checkImageSize(pngSize(bytes), source);
  try {
    const { width, height, data } = isPng(bytes)
      ? PNG.sync.read(bytes)
      : isJpeg(bytes)
        ? jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 512 })
        : unknownFormat(source);
    return { width, height, data };
  } catch (error) {
    if ((error as { code?: string }).code === 'DATA_FORMAT') throw error;
    throw new DataFormatError(source, `could not decode the image: ${(error as Error).message}`);
  }
}

function unknownFormat(source: string): never {
  throw new DataFormatError(source, 'expected a PNG or JPEG image, received neither (unknown magic bytes).');
}
