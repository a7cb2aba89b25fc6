import * as tf from '@tensorflow/tfjs-core';
import { avgPoolGradNhwc, maxPoolGradNhwc, poolGeometry, type ConvGeometry, type PoolAttrs } from '@neuralkit/core';
import type { WasmHeapBackend } from '../model-heap.js';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.js';
import { conv2dBackpropInput } from './conv2d-backprop-input.js';

type Args = Parameters<tf.KernelFunc>[0];
/** Our kernel, given tfjs-backend-wasm's own (undefined where it has none). */
type Impl = (args: Args, stock: tf.KernelFunc | undefined) => tf.TensorInfo;

const find = (name: string) => tf.getKernel(name, 'wasm');

/**
 * tfjs-backend-wasm 4.22 trains no convnet as it stands: it has no `Conv2DBackpropFilter` and
 * its `MaxPoolGrad` gives wrong values. These kernels, under tfjs-core's names, fill and fix
 * that, and run `Conv2DBackpropInput` on XNNPACK's product instead of a direct loop; the
 * forward convolutions and pools stay XNNPACK's. Its `AvgPoolGrad` is replaced too: it divides
 * by the whole window where the forward pass averaged fewer values (padding); TensorFlow divides
 * by the values averaged. The pooling gradients write straight into the heap output.
 */
const IMPLS: Record<string, Impl> = {
  Conv2DBackpropFilter: (args) => conv2dBackpropFilter(args, find),
  Conv2DBackpropInput: (args, stock) => (isNhwcFloat(args, 'dy', 'filter') ? conv2dBackpropInput(args, find) : (stock!(args) as tf.TensorInfo)),
  MaxPoolGrad: poolGrad((heap, { inputs }, g, dx) =>
    maxPoolGradNhwc(heap.typedArrayFromHeap(inputs.dy!) as Float32Array, heap.typedArrayFromHeap(inputs.input!) as Float32Array, g, dx),
  ),
  AvgPoolGrad: poolGrad((heap, { inputs }, g, dx) => avgPoolGradNhwc(heap.typedArrayFromHeap(inputs.dy!) as Float32Array, g, dx)),
};

function isNhwcFloat(args: Args, ...names: string[]): boolean {
  return (args.attrs?.dataFormat ?? 'NHWC') === 'NHWC' && names.every((name) => args.inputs[name]?.dtype === 'float32');
}

type PoolGradRun = (heap: WasmHeapBackend, args: Args, g: ConvGeometry, dx: Float32Array) => void;

function poolGrad(run: PoolGradRun): Impl {
  return (args, stock) => {
    const { dy, input } = args.inputs;
    if (dy?.dtype !== 'float32' || input?.dtype !== 'float32' || input.shape.length !== 4) return stock!(args) as tf.TensorInfo;
    const heap = args.backend as unknown as WasmHeapBackend;
    const g = poolGeometry(input.shape, args.attrs as unknown as PoolAttrs);
    const dx = heap.makeOutput([...input.shape], 'float32'); // before the views: allocating can move the heap
    run(heap, args, g, heap.typedArrayFromHeap(dx) as Float32Array);
    return dx;
  };
}

/** The kernel names this adapter registers for 'wasm'. */
export const CONV_KERNELS: readonly string[] = Object.keys(IMPLS);

const OURS = Symbol.for('neuralkit.wasm.convKernel');

/** Registers them for 'wasm' in place of tfjs-backend-wasm's (once). */
export function registerConvKernels(): void {
  for (const [kernelName, impl] of Object.entries(IMPLS)) {
    const stock = tf.getKernel(kernelName, 'wasm');
    if ((stock?.kernelFunc as { [OURS]?: boolean } | undefined)?.[OURS]) continue;
    const kernelFunc = Object.assign((args: Args) => impl(args, stock?.kernelFunc), { [OURS]: true });
    if (stock) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...(stock ?? { kernelName, backendName: 'wasm' }), kernelFunc });
  }
}
