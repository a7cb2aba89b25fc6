import { fashionMnist, mnist } from '@neuralkit/data';
import { JobError } from './errors.js';

export interface DataOptions {
  dataset: 'mnist' | 'fashion-mnist';
  dataDir?: string;
  dataUrl?: string;
}

/** The chosen dataset as byte-backed train and test sets (floats made per batch, scaled 1/255). */
export async function loadDatasets(options: DataOptions) {
  const source = options.dataset === 'fashion-mnist' ? fashionMnist : mnist;
  try {
    return await source.loadDataset({
      ...(options.dataDir ? { dir: options.dataDir } : {}),
      ...(options.dataUrl ? { url: options.dataUrl } : {}),
    });
  } catch (error) {
    throw withDataHint(error, options);
  }
}

/** The data package's message names the file; the CLI adds what to do about it. */
function withDataHint(error: unknown, options: DataOptions): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('DATA_')) return error;
  const where = options.dataDir ? `the files in ${options.dataDir}` : options.dataUrl ? `--data-url ${options.dataUrl}` : 'the dataset';
  const fallback = options.dataset === 'mnist' ? ', or leave out --data-dir/--data-url to use the embedded MNIST' : '';
  return new JobError(error.message, { code, cause: error, hint: `Check ${where} (the four IDX files of ${options.dataset}, raw or .gz)${fallback}.` });
}
