import { DataFormatError } from '@neuralkit/core';

/** Bytes of a global heap object's header: index (2), reference count (2), reserved (4), size (8). */
const OBJECT_HEADER = 16;
/** A collection's header: "GCOL", version, 3 reserved bytes, collection size (8). */
const COLLECTION_HEADER = 16;
const SIGNATURE = [0x47, 0x43, 0x4f, 0x4c]; // "GCOL"

/**
 * Refuses a file whose HDF5 global heap would send the HDF5 library into an endless loop, before
 * the library sees it. Variable-length strings (every Keras config attribute) live in global heap
 * collections; reading one parses its whole collection object by object, each object advancing by
 * its size field. A free-space object (index 0) of size 0, or a size that wraps the library's
 * 32-bit sizes (it runs as wasm32) to 0 or backwards, never advances: a hostile file hangs the
 * reader, where no timeout can reach it. The walk mirrors the library's for every collection
 * signature with the version it accepts (1).
 */
export function checkGlobalHeaps(bytes: Uint8Array, source: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = find(bytes, 0); at >= 0; at = find(bytes, at + 1)) {
    if (at + COLLECTION_HEADER > bytes.length || bytes[at + 4] !== 1) continue;
    const size = view.getBigUint64(at + 8, true);
    const end = Number(BigInt(at) + size < BigInt(bytes.length) ? BigInt(at) + size : BigInt(bytes.length));
    let p = at + COLLECTION_HEADER;
    while (p + OBJECT_HEADER <= end) {
      const index = view.getUint16(p, true);
      const size32 = Number(view.getBigUint64(p + 8, true) & 0xffffffffn);
      const step = index > 0 ? (OBJECT_HEADER + Math.ceil(size32 / 8) * 8) % 2 ** 32 : size32;
      if (step === 0 || step >= 2 ** 31) {
        throw new DataFormatError(
          source,
          `damaged HDF5 global heap at byte ${at}: object ${index} at byte ${p} has size ${view.getBigUint64(p + 8, true)}, ` +
            'which the HDF5 library would read forever.',
        );
      }
      p += step;
    }
  }
}

function find(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(SIGNATURE[0]!, from); i >= 0 && i + 4 <= bytes.length; i = bytes.indexOf(SIGNATURE[0]!, i + 1)) {
    if (bytes[i + 1] === SIGNATURE[1] && bytes[i + 2] === SIGNATURE[2] && bytes[i + 3] === SIGNATURE[3]) return i;
  }
  return -1;
}
