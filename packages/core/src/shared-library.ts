import { importNodeBuiltin, isNode } from './node-builtins.js';

type Fs = typeof import('node:fs');
type Path = typeof import('node:path');

/** Where to look, as the Linux dynamic loader does; every field has the loader's default. */
export interface LibrarySearchOptions {
  /** Colon-separated folders searched first (default: `process.env.LD_LIBRARY_PATH`). */
  ldLibraryPath?: string;
  /** The loader's configuration file, with its `include` lines (default `/etc/ld.so.conf`). */
  configFile?: string;
  /** Searched last (default: the loader's trusted folders, multiarch ones included). */
  defaultDirs?: readonly string[];
}

const TRUSTED_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/lib64',
  '/usr/lib64',
  '/lib',
  '/usr/lib',
];

/**
 * The folders the Linux dynamic loader searches for a shared library, in its order:
 * `LD_LIBRARY_PATH`, the folders of `/etc/ld.so.conf` (following `include` globs of the form
 * `dir/*.conf`), then the trusted folders. Empty outside Node.
 */
export async function librarySearchDirs(options: LibrarySearchOptions = {}): Promise<string[]> {
  if (!isNode()) return [];
  const fs = await importNodeBuiltin<Fs>('node:fs');
  const path = await importNodeBuiltin<Path>('node:path');
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const fromEnv = (options.ldLibraryPath ?? env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  const fromConfig = readLoaderConfig(fs, path, options.configFile ?? '/etc/ld.so.conf', 0);
  const dirs = [...fromEnv, ...fromConfig, ...(options.defaultDirs ?? TRUSTED_DIRS)];
  return [...new Set(dirs)];
}

function readLoaderConfig(fs: Fs, path: Path, file: string, depth: number): string[] {
  if (depth > 4) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const include = /^include\s+(.+)$/.exec(line)?.[1];
    if (include === undefined) {
      dirs.push(line);
      continue;
    }
    const pattern = path.resolve(path.dirname(file), include);
    for (const match of expandGlob(fs, path, pattern)) dirs.push(...readLoaderConfig(fs, path, match, depth + 1));
  }
  return dirs;
}

/** `dir/prefix*suffix` (one star, in the file name), or a plain path; sorted like the shell. */
function expandGlob(fs: Fs, path: Path, pattern: string): string[] {
  const dir = path.dirname(pattern);
  const name = path.basename(pattern);
  const star = name.indexOf('*');
  if (star === -1) return [pattern];
  const [prefix, suffix] = [name.slice(0, star), name.slice(star + 1)];
  try {
    return fs
      .readdirSync(dir)
      .filter((entry) => entry.startsWith(prefix) && entry.endsWith(suffix))
      .sort()
      .map((entry) => path.join(dir, entry));
  } catch {
    return [];
  }
}

/** The path the loader would find for `soname` (`libcudart.so.11.0`), or undefined. Never throws. */
export async function findSharedLibrary(soname: string, options: LibrarySearchOptions = {}): Promise<string | undefined> {
  if (!isNode()) return undefined;
  const fs = await importNodeBuiltin<Fs>('node:fs');
  const path = await importNodeBuiltin<Path>('node:path');
  for (const dir of await librarySearchDirs(options)) {
    const file = path.join(dir, soname);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Those of `sonames` that the loader would not find, in the order given. */
export async function missingSharedLibraries(
  sonames: readonly string[],
  options: LibrarySearchOptions = {},
): Promise<string[]> {
  const found = await Promise.all(sonames.map((name) => findSharedLibrary(name, options)));
  return sonames.filter((_, i) => found[i] === undefined);
}
