import { NeuralkitError } from './errors.js';

/**
 * Runs `read` (building a model from a file's config, say) so that a NeuralkitError it throws
 * names the file: "mnist.h5: Invalid `units` of Dense layer ...". Other errors pass unchanged.
 */
export function inSource<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof NeuralkitError && !error.message.startsWith(`${source}:`)) {
      error.message = `${source}: ${error.message}`;
    }
    throw error;
  }
}
