import type { Layer } from './layers/layer.js';
import { Sequential } from './sequential.js';

/** `sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10 })])`. */
export function sequential(layers: Layer[] = [], options: { name?: string } = {}): Sequential {
  return new Sequential({ ...options, layers });
}
