import { DataFormatError } from '@neuralkit/core';

/** What fflate tells about each zip entry before inflating it. */
export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

/** Limits on a `.keras` archive, checked from its central directory before anything is inflated. */
export interface ZipLimits {
  /** Sum of all entries' declared uncompressed sizes (default 1 GiB). */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry over `ratioFloorBytes` (default 200). */
  maxRatio: number;
  /** Entries smaller than this are not held to the ratio (small JSON compresses well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 2 ** 30, maxRatio: 200, ratioFloorBytes: 2 ** 20 };

/** Why an entry name is unsafe to trust, or undefined: `..` segments, absolute or drive paths, NUL. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL byte';
  if (/^([/\\]|[a-zA-Z]:)/.test(name)) return 'is an absolute path';
  if (name.split(/[/\\]/).includes('..')) return 'climbs out of the archive with ".."';
  return undefined;
}

/**
 * Checks every entry of an archive as fflate lists them, keeping a running total: refuses unsafe
 * names, duplicate names (which one would be read is undefined), and sizes or ratios of a zip bomb.
 */
export class ZipEntryChecker {
  private readonly seen = new Set<string>();
  private total = 0;

  constructor(
    private readonly source: string,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {}

  check(entry: ZipEntryInfo): void {
    const name = JSON.stringify(entry.name);
    const unsafe = unsafeEntryName(entry.name);
    if (unsafe) throw new DataFormatError(this.source, `zip entry ${name} ${unsafe}: refused.`);
    if (this.seen.has(entry.name)) throw new DataFormatError(this.source, `zip entry ${name} appears twice: refused.`);
    this.seen.add(entry.name);
    this.total += entry.originalSize;
    if (this.total > this.limits.maxTotalBytes) {
      throw new DataFormatError(
        this.source,
        `zip entries declare more than ${this.limits.maxTotalBytes} uncompressed bytes (at ${name}): refused as a zip bomb.`,
      );
    }
    const ratio = entry.originalSize / Math.max(entry.size, 1);
    if (entry.originalSize > this.limits.ratioFloorBytes && ratio > this.limits.maxRatio) {
      throw new DataFormatError(
        this.source,
        `zip entry ${name} inflates ${entry.size} bytes to ${entry.originalSize} (ratio ${Math.round(ratio)}, ` +
          `at most ${this.limits.maxRatio} allowed): refused as a zip bomb.`,
      );
    }
  }
}
