import { addChannelAxis, type ArrayDataset } from '@neuralkit/data';
import type { Sequential } from '@neuralkit/model';

/**
 * The dataset as the model takes it: MNIST's `[28, 28]` samples get a channel axis
 * (`[28, 28, 1]`, Keras's `np.expand_dims(x, -1)`) when the model starts with a convolution.
 */
export function forModel(model: Sequential, data: ArrayDataset): ArrayDataset {
  const input = model.inputShape;
  return input?.length === 4 && data.sampleShape.length === 2 ? addChannelAxis(data) : data;
}

/** The sample shape the model takes for 28×28 digits: `[28, 28, 1]` for a convnet, else `[28, 28]`. */
export function digitShape(model: Sequential): number[] {
  return model.inputShape?.length === 4 ? [28, 28, 1] : [28, 28];
}
