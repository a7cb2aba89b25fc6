import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Chart.js's self-contained UMD build, to inline in the report so that the page works
 * offline. The file is not in chart.js's `exports`, so it is located beside the entry point.
 */
export async function chartJsSource(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  const source = await readFile(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
  return source.replace(/<\/script/gi, '<\\/script');
}
