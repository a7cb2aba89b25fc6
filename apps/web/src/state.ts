import type { Sequential } from '@neuralkit/model';
import type { ErrorView } from './error-view.js';
import type { MnistAssets } from './mnist-assets.js';

/** What the panels share: the data once loaded, the current model, and the error area. */
export interface AppState {
  data: MnistAssets | null;
  model: Sequential | null;
  /** Where the current model came from, in words ("trained here", "loaded from mnist.h5"). */
  modelOrigin: string;
  /** True while a training run or an evaluation holds the model. */
  busy: boolean;
  errors: ErrorView;
  /** Tell every panel that `model` changed (trained, loaded). */
  modelChanged(): void;
}
