import * as tf from '@tensorflow/tfjs-core';
import {
  avgPoolGradNhwc,
  avgPoolNhwc,
  convGeometry,
  maxPoolGradNhwc,
  maxPoolNhwc,
  poolGeometry,
  type ConvAttrs,
  type PoolAttrs,
} from '@neuralkit/core';
import { conv2d } from './conv2d.js';
import { conv2dBackpropFilter, conv2dBackpropInput } from './conv2d-backprop.js';
import { addRepeated, multiply, relu, step, sumRows } from './elementwise.js';
import { floatArray, output } from './storage.js';

type Args = Parameters<tf.KernelFunc>[0];
/** Our kernel: a result, or undefined to let tfjs-backend-cpu's own kernel run (NCHW, int32, ...). */
type Impl = (args: Args) => tf.TensorInfo | undefined;

const nhwc = (attrs: tf.NamedAttrMap | undefined) => (attrs?.dataFormat ?? 'NHWC') === 'NHWC';
const rank4 = (...ts: Array<tf.TensorInfo | undefined>) => ts.every((t) => t?.shape.length === 4);

/**
 * Convolution and pooling kernels under tfjs-core's names (`Conv2D`, `FusedConv2D`,
 * `Conv2DBackpropInput`, `Conv2DBackpropFilter`, `MaxPool`, `MaxPoolGrad`, `AvgPool`,
 * `AvgPoolGrad`) for float32 NHWC tensors, and the cases of `Sum`, `Multiply`, `Add`, `Relu`
 * and `Step` a convolution layer's training step uses; anything else goes to tfjs-backend-cpu's.
 */
const IMPLS: Record<string, Impl> = {
  Conv2D({ inputs, backend, attrs }) {
    const [x, filter] = [floatArray(backend, inputs.x), floatArray(backend, inputs.filter)];
    if (!x || !filter || !nhwc(attrs) || !rank4(inputs.x, inputs.filter)) return undefined;
    const g = convGeometry(inputs.x!.shape, inputs.filter!.shape, attrs as unknown as ConvAttrs);
    return output(backend, g.outShape, conv2d(x, filter, g));
  },
  FusedConv2D({ inputs, backend, attrs }) {
    const [x, filter, bias] = [floatArray(backend, inputs.x), floatArray(backend, inputs.filter), floatArray(backend, inputs.bias)];
    const activation = attrs?.activation ?? 'linear';
    if (!x || !filter || !nhwc(attrs) || !rank4(inputs.x, inputs.filter)) return undefined;
    if ((inputs.bias && !bias) || (activation !== 'linear' && activation !== 'relu')) return undefined;
    const g = convGeometry(inputs.x!.shape, inputs.filter!.shape, attrs as unknown as ConvAttrs);
    if (bias && bias.length !== 1 && bias.length !== g.outChannels) return undefined;
    return output(backend, g.outShape, conv2d(x, filter, g, { ...(bias ? { bias } : {}), relu: activation === 'relu' }));
  },
  Conv2DBackpropInput({ inputs, backend, attrs }) {
    const [dy, filter] = [floatArray(backend, inputs.dy), floatArray(backend, inputs.filter)];
    if (!dy || !filter || !nhwc(attrs) || !rank4(inputs.dy, inputs.filter)) return undefined;
    const inputShape = attrs!.inputShape as number[];
    const g = convGeometry(inputShape, inputs.filter!.shape, attrs as unknown as ConvAttrs);
    return output(backend, [...inputShape], conv2dBackpropInput(dy, filter, g));
  },
  Conv2DBackpropFilter({ inputs, backend, attrs }) {
    const [x, dy] = [floatArray(backend, inputs.x), floatArray(backend, inputs.dy)];
    if (!x || !dy || !nhwc(attrs) || !rank4(inputs.x, inputs.dy)) return undefined;
    const filterShape = attrs!.filterShape as number[];
    const g = convGeometry(inputs.x!.shape, filterShape, attrs as unknown as ConvAttrs);
    return output(backend, [...filterShape], conv2dBackpropFilter(x, dy, g));
  },
  MaxPool: pool((x, g) => maxPoolNhwc(x, g)),
  AvgPool: pool((x, g) => avgPoolNhwc(x, g)),
  MaxPoolGrad({ inputs, backend, attrs }) {
    const [dy, x] = [floatArray(backend, inputs.dy), floatArray(backend, inputs.input)];
    if (!dy || !x || !rank4(inputs.dy, inputs.input)) return undefined;
    const g = poolGeometry(inputs.input!.shape, attrs as unknown as PoolAttrs);
    return output(backend, [...inputs.input!.shape], maxPoolGradNhwc(dy, x, g, new Float32Array(x.length)));
  },
  AvgPoolGrad({ inputs, backend, attrs }) {
    const dy = floatArray(backend, inputs.dy);
    if (!dy || !rank4(inputs.dy, inputs.input)) return undefined;
    const g = poolGeometry(inputs.input!.shape, attrs as unknown as PoolAttrs);
    return output(backend, [...inputs.input!.shape], avgPoolGradNhwc(dy, g, new Float32Array(g.batchSize * g.inHeight * g.inWidth * g.inChannels)));
  },
  Sum({ inputs, backend, attrs }) {
    const x = floatArray(backend, inputs.x);
    if (!x) return undefined;
    const shape = inputs.x!.shape;
    const axes = [attrs?.axis ?? []].flat().map((a) => ((a as number) + shape.length) % shape.length);
    const lead = axes.length;
    // Only the leading axes, in order, and not all of them: the bias gradient's shape.
    if (lead === 0 || lead >= shape.length || !axes.every((a, i) => a === i)) return undefined;
    const cols = shape.slice(lead).reduce((a, b) => a * b, 1);
    const outShape = attrs?.keepDims ? shape.map((d, i) => (i < lead ? 1 : d)) : shape.slice(lead);
    return output(backend, outShape, sumRows(x, x.length / cols, cols));
  },
  Multiply({ inputs, backend }) {
    const [a, b] = [floatArray(backend, inputs.a), floatArray(backend, inputs.b)];
    if (!a || !b || a.length !== b.length || !sameShape(inputs.a!.shape, inputs.b!.shape)) return undefined;
    return output(backend, [...inputs.a!.shape], multiply(a, b));
  },
  Add({ inputs, backend }) {
    const [a, b] = [floatArray(backend, inputs.a), floatArray(backend, inputs.b)];
    if (!a || !b || !repeatsAlong(inputs.a!.shape, inputs.b!.shape)) return undefined;
    return output(backend, [...inputs.a!.shape], addRepeated(a, b));
  },
  Relu({ inputs, backend }) {
    const x = floatArray(backend, inputs.x);
    return x ? output(backend, [...inputs.x!.shape], relu(x)) : undefined;
  },
  Step({ inputs, backend, attrs }) {
    const x = floatArray(backend, inputs.x);
    if (!x) return undefined;
    return output(backend, [...inputs.x!.shape], step(x, (attrs?.alpha as number | undefined) ?? 0));
  },
};

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** `b`'s shape is `a`'s trailing dimensions (leading 1s allowed): `b` repeats along `a`. */
function repeatsAlong(a: number[], b: number[]): boolean {
  const inner = b.slice(b.findIndex((d) => d !== 1));
  if (b.every((d) => d === 1) || inner.length > a.length || b.length > a.length) return false;
  return inner.every((d, i) => d === a[a.length - inner.length + i]);
}

function pool(run: (x: Float32Array, g: ReturnType<typeof poolGeometry>) => Float32Array): Impl {
  return ({ inputs, backend, attrs }) => {
    const x = floatArray(backend, inputs.x);
    if (!x || !rank4(inputs.x)) return undefined;
    const g = poolGeometry(inputs.x!.shape, attrs as unknown as PoolAttrs);
    return output(backend, g.outShape, run(x, g));
  };
}

/** The names this backend replaces. */
export const CONV_KERNELS: readonly string[] = Object.keys(IMPLS);

const STOCK = new Map<string, tf.KernelConfig>();
const OURS = Symbol.for('neuralkit.cpu.convKernel');

/** tfjs-backend-cpu's own kernel for `name`, as it was before `registerConvKernels` replaced it. */
export function stockConvKernel(name: string): tf.KernelConfig | undefined {
  return STOCK.get(name);
}

/** Replaces tfjs-backend-cpu's convolution and pooling kernels with ours (once). */
export function registerConvKernels(): void {
  for (const [name, impl] of Object.entries(IMPLS)) {
    const stock = tf.getKernel(name, 'cpu');
    if (!stock || (stock.kernelFunc as { [OURS]?: boolean })[OURS]) continue;
    STOCK.set(name, stock);
    const kernelFunc = Object.assign((args: Args) => impl(args) ?? stock.kernelFunc(args), { [OURS]: true });
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({ ...stock, kernelFunc });
  }
}
