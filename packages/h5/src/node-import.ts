/**
 * Imports a Node built-in at run time. The specifier is a variable so browser bundlers leave it
 * alone: these code paths (file paths) only run in Node.
 */
export function nodeImport<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}
