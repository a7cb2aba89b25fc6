/** One split of an MNIST-style dataset as bytes: `x` row-major `[n, rows, cols]`, `y` `[n]`. */
export interface ByteSplit {
  x: Uint8Array;
  y: Uint8Array;
  xShape: [number, number, number];
  yShape: [number];
}

/** Keras's `(x_train, y_train), (x_test, y_test)`, as bytes. */
export interface ByteData {
  train: ByteSplit;
  test: ByteSplit;
}
