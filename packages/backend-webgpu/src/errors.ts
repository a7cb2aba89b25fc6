import { NeuralkitError } from '@neuralkit/core';

/**
 * A synchronous read (`dataSync`, `arraySync`) of a tensor that lives on the GPU, where the
 * runtime cannot do one: tfjs-backend-webgpu reads synchronously through `OffscreenCanvas`,
 * which Node lacks. `await tensor.data()` works everywhere.
 */
export class SyncReadUnavailableError extends NeuralkitError {
  constructor(shape: readonly number[], dtype: string) {
    super(
      `Cannot read a ${dtype} tensor of shape [${shape.join(', ')}] synchronously on the webgpu backend in Node: ` +
        'tfjs-backend-webgpu reads synchronously through OffscreenCanvas, which Node does not have. ' +
        'Use `await tensor.data()` (or `array()`), or train with a backend that reads synchronously (wasm, cpu).',
      'SYNC_READ_UNAVAILABLE',
    );
  }
}
