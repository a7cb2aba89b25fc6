import { DataFormatError } from '@neuralkit/core';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { readKerasArchive } from './read-keras-archive.js';
import { ZipEntryChecker, unsafeEntryName } from './zip-entry-limits.js';

const KERAS = FILES.keras310;

/** The fixture's own members plus `extra`, zipped again. */
async function archiveWith(extra: Record<string, Uint8Array>, level: 0 | 9 = 0): Promise<Uint8Array> {
  const members = unzipSync(fixtureBytes(KERAS));
  return zipSync({ ...members, ...extra }, { level });
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await readKerasArchive(bytes, 'x.keras').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFormatError);
  return (error as Error).message;
}

describe('.keras archives are checked before anything is inflated', () => {
  it('the real fixture passes', async () => {
    expect((await readKerasArchive(fixtureBytes(KERAS))).layers.length).toBeGreaterThan(0);
    expect((await readKerasArchive(await archiveWith({}, 9))).format).toBe('keras');
  });

  it('refuses members that climb out, absolute paths and NUL bytes', async () => {
    expect(await refusal(await archiveWith({ '../evil.sh': strToU8('x') }))).toBe(
      'x.keras: zip entry "../evil.sh" climbs out of the archive with "..": refused.',
    );
    expect(await refusal(await archiveWith({ 'assets/../../x': strToU8('x') }))).toMatch(/climbs out/);
    expect(await refusal(await archiveWith({ '/etc/passwd': strToU8('x') }))).toBe(
      'x.keras: zip entry "/etc/passwd" is an absolute path: refused.',
    );
    expect(unsafeEntryName('C:\\x')).toBe('is an absolute path');
    expect(unsafeEntryName('a\\..\\..\\b')).toMatch(/climbs out/);
    expect(unsafeEntryName('a\0b')).toBe('contains a NUL byte');
    expect(unsafeEntryName('assets/..hidden/x')).toBeUndefined();
  });

  it('refuses duplicate names (which copy would be read is undefined)', async () => {
    const zipped = await archiveWith({ 'config.jsoX': strToU8('{}') });
    // Rename the extra member to a second config.json in both headers.
    const text = new TextDecoder('latin1').decode(zipped).replaceAll('config.jsoX', 'config.json');
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(await refusal(bytes)).toBe('x.keras: zip entry "config.json" appears twice: refused.');
  });

  it('refuses a zip bomb by its declared total size and ratio', async () => {
    const zeros = new Uint8Array(8 * 2 ** 20);
    expect(await refusal(await archiveWith({ 'assets/zeros.bin': zeros }, 9))).toMatch(
      /^x\.keras: zip entry "assets\/zeros\.bin" inflates \d+ bytes to 8388608 \(ratio \d+, at most 200 allowed\): refused as a zip bomb\.$/,
    );
    const checker = new ZipEntryChecker('y.keras', { maxTotalBytes: 100, maxRatio: 200, ratioFloorBytes: 2 ** 20 });
    checker.check({ name: 'a', size: 60, originalSize: 60 });
    expect(() => checker.check({ name: 'b', size: 60, originalSize: 60 })).toThrowError(
      'y.keras: zip entries declare more than 100 uncompressed bytes (at "b"): refused as a zip bomb.',
    );
  });
});
