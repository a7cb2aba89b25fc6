import { fashionMnist, mnist } from '@neuralkit/data';

export interface DataOptions {
  dataset: 'mnist' | 'fashion-mnist';
  dataDir?: string;
  dataUrl?: string;
}

/** The chosen dataset as byte-backed train and test sets (floats made per batch, scaled 1/255). */
export async function loadDatasets(options: DataOptions) {
  const source = options.dataset === 'fashion-mnist' ? fashionMnist : mnist;
  return source.loadDataset({
    ...(options.dataDir ? { dir: options.dataDir } : {}),
    ...(options.dataUrl ? { url: options.dataUrl } : {}),
  });
}
