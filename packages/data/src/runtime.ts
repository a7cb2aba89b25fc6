/** Whether this is Node (file system, caches) rather than a browser. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/**
 * Imports a Node built-in by a name bundlers cannot see, so a browser bundle of this package
 * never tries to resolve `node:fs` and friends; callers only reach it in Node.
 */
export async function nodeImport<T>(name: `node:${string}`): Promise<T> {
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as T;
}
