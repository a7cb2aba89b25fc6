import { NeuralkitError } from '@neuralkit/core';

/** How long a download may go without receiving a byte before it is abandoned. */
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

/**
 * GETs `url` into memory; a network failure, a non-2xx status, or a server that stops sending
 * for `stallTimeoutMs` becomes a clear error (a hung server must not hang the loader).
 */
export async function fetchBytes(url: string, stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS): Promise<Uint8Array> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), stallTimeoutMs);
  };
  const failed = (reason: string, cause?: unknown) =>
    new NeuralkitError(`Download of ${url} failed: ${reason}.`, 'DOWNLOAD_FAILED', { cause });
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: abort.signal });
    } catch (cause) {
      if (abort.signal.aborted) throw failed(`no answer within ${stallTimeoutMs / 1000} s`, cause);
      throw failed(reasonOf(cause), cause);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failed(`expected HTTP 200, received ${response.status} ${response.statusText}`.trimEnd());
    }
    return await readBody(response, arm, (cause, received) =>
      abort.signal.aborted
        ? failed(`no data for ${stallTimeoutMs / 1000} s`, cause)
        : failed(`the connection broke after ${received} bytes (${reasonOf(cause)})`, cause),
    );
  } finally {
    clearTimeout(timer);
  }
}

/** undici wraps the socket's error ("other side closed") in a generic TypeError ("fetch failed"). */
function reasonOf(cause: unknown): string {
  return (cause as { cause?: { message?: string } }).cause?.message ?? (cause as Error).message;
}

/** Reads the body chunk by chunk, re-arming the stall timer on each chunk. */
async function readBody(
  response: Response,
  arm: () => void,
  broken: (cause: unknown, received: number) => Error,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      chunks.push(value);
      total += value.byteLength;
    }
  } catch (cause) {
    throw broken(cause, total);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
