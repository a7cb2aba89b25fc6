import { NeuralkitError } from '@neuralkit/core';

/** GETs `url` into memory; a network failure or a non-2xx status becomes a clear error. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    const reason = (cause as { cause?: { message?: string } }).cause?.message ?? (cause as Error).message;
    throw new NeuralkitError(`Download of ${url} failed: ${reason}.`, 'DOWNLOAD_FAILED', { cause });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new NeuralkitError(
      `Download of ${url} failed: expected HTTP 200, received ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
      'DOWNLOAD_FAILED',
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}
