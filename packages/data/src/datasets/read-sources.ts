import { InvalidArgumentError, isNode, NeuralkitError } from '@neuralkit/core';
import { fetchBytes } from '../sources/fetch-bytes.js';
import { verifySha256 } from '../sources/verify-sha256.js';
import { FILE_KEYS, type DatasetSpec, type FileKey, type LoadOptions, type SourceFile } from './dataset-spec.js';

/** The four files' bytes (raw or gzip) from the source `options` names. */
export async function readSources(spec: DatasetSpec, options: LoadOptions): Promise<Record<FileKey, SourceFile>> {
  if (options.dir !== undefined && options.url !== undefined) {
    throw InvalidArgumentError.expected(`${spec.title} source`, 'either `dir` or `url`, not both', options);
  }
  if (options.url !== undefined) return forEachFile((key) => readFromUrl(spec, options, key));
  const dir = options.dir ?? (await embeddedDir(spec));
  if (!isNode()) {
    throw new NeuralkitError(`Reading the folder ${dir} needs Node's file system; in a browser pass { url }.`, 'DATA_SOURCE_MISSING');
  }
  const { readFromDir } = await import('../sources/dir-source.js');
  return forEachFile((key) => readFromDir(dir, spec.files[key]));
}

async function forEachFile(read: (key: FileKey) => Promise<SourceFile>): Promise<Record<FileKey, SourceFile>> {
  // Settle all four before failing, so no download is still writing when the error arrives.
  const settled = await Promise.allSettled(FILE_KEYS.map(read));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const files = settled.map((r) => (r as PromiseFulfilledResult<SourceFile>).value);
  return Object.fromEntries(FILE_KEYS.map((key, i) => [key, files[i]])) as Record<FileKey, SourceFile>;
}

async function embeddedDir(spec: DatasetSpec): Promise<string> {
  if (spec.embedded === undefined) {
    throw new NeuralkitError(
      `${spec.title} has no offline copy: pass { dir } (a folder holding the four files, raw or .gz) or { url: '${spec.defaultUrl}' } (downloaded once, verified and cached).`,
      'DATA_SOURCE_MISSING',
    );
  }
  if (!isNode()) {
    throw new NeuralkitError(`The embedded ${spec.title} copy needs Node's file system; in a browser pass { url }.`, 'DATA_SOURCE_MISSING');
  }
  return spec.embedded();
}

async function readFromUrl(spec: DatasetSpec, options: LoadOptions, key: FileKey): Promise<SourceFile> {
  const file = spec.files[key];
  const base = options.url!.endsWith('/') ? options.url! : `${options.url!}/`;
  const url = new URL(`${file.name}.gz`, base).href;
  const override = options.sha256?.[key];
  const sha256 = override !== undefined ? [override] : file.sha256;
  if (isNode() && options.cacheDir !== false) {
    const { cachedDownload } = await import('../sources/cached-download.js');
    const { defaultCacheDir } = await import('../sources/default-cache-dir.js');
    const cacheDir = options.cacheDir ?? (await defaultCacheDir(spec.name));
    return cachedDownload({ url, cacheDir, fileName: `${file.name}.gz`, sha256 });
  }
  return { bytes: await verifySha256(await fetchBytes(url), sha256, url), source: url };
}
