import { FASHION_MNIST_SPEC } from './datasets/fashion-mnist-spec.js';
import { imageDataset } from './datasets/image-dataset.js';

/**
 * Fashion-MNIST, as `keras.datasets.fashion_mnist`. There is no offline copy: pass
 * `{ dir }` or `{ url: fashionMnist.defaultUrl }` (downloaded once, verified, cached).
 */
export const fashionMnist = imageDataset(FASHION_MNIST_SPEC);
