import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, verifySha256 } from './verify-sha256.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digest of "abc"', async () => {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('says why it cannot verify where WebCrypto is missing (a page served over plain http)', async () => {
    vi.stubGlobal('crypto', {}); // what an insecure browser context has: no crypto.subtle
    await expect(verifySha256(new Uint8Array(1), ['00'], 'http://example.test/a.gz')).rejects.toThrowError(
      /^http:\/\/example\.test\/a\.gz: SHA-256 verification needs WebCrypto \(crypto\.subtle\), which this runtime lacks: browsers offer it only on https or localhost pages\.$/,
    );
  });
});
