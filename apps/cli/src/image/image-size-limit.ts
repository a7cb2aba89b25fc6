import { DataFormatError } from '@neuralkit/core';

/** The most pixels an image may declare: 4096×4096, far past a digit photo, far short of memory. */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

/** A PNG's declared size from its IHDR chunk (bytes 16–23), or undefined when too short. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Refuses an image whose declared width × height passes the cap, before any pixel is decoded. */
export function checkImageSize(size: { width: number; height: number } | undefined, source: string, max = MAX_IMAGE_PIXELS): void {
  if (!size) return;
  if (size.width * size.height > max) {
    throw new DataFormatError(
      source,
      `the image declares ${size.width}×${size.height} pixels (${size.width * size.height}), expected at most ${max}: refused before decoding.`,
    );
  }
}
