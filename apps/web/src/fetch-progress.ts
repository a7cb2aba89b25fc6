/** Bytes of several static files, with one combined progress report (0–1) as they arrive. */
export async function fetchWithProgress(urls: string[], onProgress: (fraction: number) => void): Promise<Uint8Array[]> {
  const totals = new Array<number>(urls.length).fill(0);
  const loaded = new Array<number>(urls.length).fill(0);
  const report = () => {
    const total = totals.reduce((a, b) => a + b, 0);
    if (total > 0) onProgress(Math.min(1, loaded.reduce((a, b) => a + b, 0) / total));
  };
  return Promise.all(
    urls.map(async (url, i) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Expected ${url} to be served, received HTTP ${response.status}.`);
      totals[i] = Number(response.headers.get('content-length') ?? 0);
      return readBody(response, (n) => {
        loaded[i] = n;
        report();
      });
    }),
  );
}

async function readBody(response: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    onBytes(length);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
