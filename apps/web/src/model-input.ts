import { addChannelAxis, type ArrayDataset } from '@neuralkit/data';
import type { Sequential } from '@neuralkit/model';

/** Whether the model takes images with a channel axis (`[28, 28, 1]`, a convnet). */
export function takesChannels(model: Sequential): boolean {
  return model.inputShape?.length === 4;
}

/** The dataset as the model takes it: `[28, 28, 1]` samples for a convnet (Keras's np.expand_dims(x, -1)). */
export function forModel(model: Sequential, data: ArrayDataset): ArrayDataset {
  return takesChannels(model) && data.sampleShape.length === 2 ? addChannelAxis(data) : data;
}
