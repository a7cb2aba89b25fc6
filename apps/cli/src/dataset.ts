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
  // Only MNIST has an embedded copy: Fashion-MNIST is downloaded (once, verified, cached) as Keras does.
  const url = options.dataUrl ?? (options.dataDir || options.dataset === 'mnist' ? undefined : source.defaultUrl);
  try {
    return await source.loadDataset({
      ...(options.dataDir ? { dir: options.dataDir } : {}),
      ...(url ? { url } : {}),
    });
  } catch (error) {
    throw withDataHint(error, options);
  }
}

/** The data package's message names the file; the CLI adds what to do about it. */
function withDataHint(error: unknown, options: DataOptions): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !/^(DATA|DOWNLOAD)_/.test(code)) return error;
  const files = `the four IDX files of ${options.dataset}, raw or .gz`;
  const hint = options.dataDir
    ? `Check the files in ${options.dataDir} (${files})${options.dataset === 'mnist' ? ', or leave out --data-dir to use the embedded MNIST' : ''}.`
    : `Check the network connection, or pass --data-dir with ${files}.`;
  return new JobError(error.message, { code, cause: error, hint });
}
