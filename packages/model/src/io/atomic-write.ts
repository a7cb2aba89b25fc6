import { InvalidArgumentError, NeuralkitError, importNodeBuiltin } from '@neuralkit/core';
import { removeLeftovers, writerMark } from './leftovers.js';

/** One file of an atomic write. */
export interface FileToWrite {
  path: string;
  data: Uint8Array | string;
}

type FsPromises = typeof import('node:fs/promises');
type PathModule = typeof import('node:path');

/** Node's fs and path and the host name, imported on first use so browser bundles never reach them. */
async function nodeModules(): Promise<{ fs: FsPromises; path: PathModule; host: string }> {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!isNode) {
    throw new InvalidArgumentError(
      'Writing to a file path needs Node.js: expected a tfjs IOHandler or URL (downloads://, indexeddb://, ' +
        'localstorage://) in the browser, received a file path.',
    );
  }
  const [fs, path, os] = await Promise.all([
    importNodeBuiltin<FsPromises>('node:fs/promises'),
    importNodeBuiltin<PathModule>('node:path'),
    importNodeBuiltin<typeof import('node:os')>('node:os'),
  ]);
  return { fs, path, host: os.hostname() };
}

let counter = 0;

/** `.<name>.tmp-` : the start of every temporary file's name for `target`. */
function tempPrefix(pathModule: PathModule, target: string): string {
  return `.${pathModule.basename(target)}.tmp-`;
}

function tempName(pathModule: PathModule, target: string, host: string): string {
  counter += 1;
  const unique = `${writerMark(host)}${Date.now().toString(36)}.${counter}`;
  return pathModule.join(pathModule.dirname(target), `${tempPrefix(pathModule, target)}${unique}`);
}

async function writeSynced(fs: FsPromises, file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a directory so the renames in it survive a crash; some platforms refuse, which is harmless. */
async function syncDirectory(fs: FsPromises, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open directories; the data itself is already synced.
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A save that failed, saying why in words and that the previous files were kept. */
function saveFailed(files: readonly FileToWrite[], error: unknown): NeuralkitError {
  const code = (error as { code?: unknown }).code;
  const reason = (typeof code === 'string' && REASONS[code]) || (error as Error).message;
  return new NeuralkitError(
    `Could not save ${files.map((f) => f.path).join(' and ')}: ${reason}${typeof code === 'string' ? ` (${code})` : ''}; ` +
      'the previous files are unchanged.',
    'SAVE_FAILED',
    { cause: error },
  );
}

/** Options of `atomicWriteFiles`. */
export interface AtomicWriteOptions {
  /** The file system calls to use (tests inject failures such as a full disk). Default: node:fs/promises. */
  fs?: FsPromises;
}

/**
 * Writes several files so that a failure leaves the previous files intact: each is written beside
 * its target under a temporary name and synced, and only when all are written are they renamed over
 * the targets (in the order given, so put the file that refers to the others last).
 */
export async function atomicWriteFiles(files: readonly FileToWrite[], options: AtomicWriteOptions = {}): Promise<void> {
  const modules = await nodeModules();
  const { path, host } = modules;
  const fs = options.fs ?? modules.fs;
  const temps: string[] = [];
  try {
    for (const file of files) {
      await fs.mkdir(path.dirname(file.path), { recursive: true });
      // A save killed mid-write (kill -9, power loss) leaves its temporary file; the next save of
      // the same file removes it.
      await removeLeftovers(fs, path.dirname(file.path), tempPrefix(path, file.path), host);
      const temp = tempName(path, file.path, host);
      temps.push(temp);
      await writeSynced(fs, temp, file.data);
    }
  } catch (error) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw saveFailed(files, error);
  }
  const dirs = new Set<string>();
  try {
    for (const [i, file] of files.entries()) {
      await fs.rename(temps[i] as string, file.path);
      dirs.add(path.dirname(file.path));
    }
  } catch (error) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw saveFailed(files, error);
  }
  for (const dir of dirs) await syncDirectory(fs, dir);
}

/** Writes one file atomically: temp file beside it, fsync, rename. */
export async function atomicWrite(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  await atomicWriteFiles([{ path, data }], options);
}
