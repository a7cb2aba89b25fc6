import { loadDatasets, type DataOptions } from '../dataset.js';
import { loadSavedModel } from '../libraries.js';
import { forModel } from '../model-input.js';
import type { Output } from '../output.js';
import { selectBackend } from '../select-backend.js';

export interface EvaluateOptions extends DataOptions {
  batchSize: number;
  backend: string;
}

const percent = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);

/** `neuralkit evaluate MODEL`: loss and metrics on the test set. */
export async function evaluateCommand(out: Output, path: string, options: EvaluateOptions): Promise<void> {
  const info = await selectBackend(options.backend);
  const model = await loadSavedModel(path);
  // Shipped files (convert's tfjs and ONNX-minded exports) keep no compile settings: the lecture's.
  if (!model.optimizer) model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const test = forModel(model, (await loadDatasets(options)).test);
  const result = await model.evaluate(test, undefined, { batchSize: options.batchSize, verbose: 0 });
  out.record({ ...result, backend: info.name });
  out.say(`Model Loss: ${percent(result.loss)}`);
  for (const [name, value] of Object.entries(result)) {
    if (name !== 'loss') out.say(`Model ${name[0]!.toUpperCase()}${name.slice(1)}: ${percent(value)}`);
  }
}
