import { parseIdx } from '../idx/parse-idx.js';
import type { ByteData } from './byte-data.js';
import { checkSplit } from './check-split.js';
import type { DatasetSpec, LoadOptions, SourceFile } from './dataset-spec.js';
import { readSources } from './read-sources.js';

/** Reads, decodes and checks the four files of `spec` from the source `options` names. */
export async function loadArrays(spec: DatasetSpec, options: LoadOptions = {}): Promise<ByteData> {
  const files = await readSources(spec, options);
  const decode = async (file: SourceFile) => ({ array: await parseIdx(file.bytes, { source: file.source }), source: file.source });
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    decode(files.trainImages),
    decode(files.trainLabels),
    decode(files.testImages),
    decode(files.testLabels),
  ]);
  return { train: checkSplit(trainImages, trainLabels), test: checkSplit(testImages, testLabels) };
}
