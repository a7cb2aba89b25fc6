/** What the training form asks for, read and checked. */
export interface TrainSettings {
  backend: string;
  architecture: 'linear' | 'hidden';
  optimizer: string;
  learningRate: number;
  schedule: 'constant' | 'exponential' | 'cosine';
  loss: string;
  epochs: number;
  batchSize: number;
  trainSize: number;
  validationSplit: number;
  /** Seeds weights and shuffling (`setRandomSeed`) when set: the same seed trains the same model. */
  seed?: number;
}

/** Reads the form; a value out of range becomes an error naming the field, what it expects and what it got. */
export function readSettings(form: HTMLFormElement, maxTrain: number): TrainSettings {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  const number = (name: string, label: string, range: { min: number; max: number; integer?: boolean }) => {
    const value = Number(text(name));
    const ok = Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
    if (!ok) {
      const kind = range.integer ? 'an integer' : 'a number';
      throw new Error(`${label}: expected ${kind} from ${range.min} to ${range.max}, received "${text(name)}".`);
    }
    return value;
  };
  return {
    backend: text('backend'),
    architecture: text('architecture') === 'hidden' ? 'hidden' : 'linear',
    optimizer: text('optimizer'),
    learningRate: number('learningRate', 'Learning rate', { min: 1e-6, max: 10 }),
    schedule: (['exponential', 'cosine'] as const).find((s) => s === text('schedule')) ?? 'constant',
    loss: text('loss'),
    epochs: number('epochs', 'Epochs', { min: 1, max: 50, integer: true }),
    batchSize: number('batchSize', 'Batch size', { min: 1, max: 4096, integer: true }),
    trainSize: number('trainSize', 'Training digits', { min: 100, max: maxTrain, integer: true }),
    validationSplit: number('validationSplit', 'Validation split', { min: 0, max: 0.5 }),
    ...(text('seed') === '' ? {} : { seed: number('seed', 'Seed', { min: 0, max: 2 ** 32 - 1, integer: true }) }),
  };
}
