import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

const KERNEL = 'FusedConv2D';

/** What a Conv2D layer hands over: NHWC, no dilation (a dilated kernel is spread out first). */
export interface FusedConv2dArgs {
  x: tf.Tensor4D;
  filter: tf.Tensor4D;
  bias: tf.Tensor | undefined;
  strides: readonly [number, number];
  pad: 'valid' | 'same';
  activation: 'relu' | 'linear';
}

/**
 * act(conv2d(x, filter) + bias) as the backend's one `FusedConv2D` kernel, in training too.
 * tfjs's `tf.fused.conv2d` runs three kernels (Conv2D, Add, Relu) whenever a gradient is being
 * recorded with an activation; with the gradient registered below, a convnet's forward pass
 * takes one kernel a layer on every backend. Backward: dz = dy ⊙ [y > 0] and the bias's Σ dz in
 * one `biasActivationGrad` kernel where the backend has it (else step, multiply and sum, as the
 * tape takes for the three), then Conv2DBackpropFilter and, only when asked, Conv2DBackpropInput.
 * Falls back to `tf.fused.conv2d` on a backend without the FusedConv2D kernel.
 */
export function fusedConv2d(args: FusedConv2dArgs): tf.Tensor4D {
  const { x, filter, bias, strides, pad, activation } = args;
  if (x.dtype !== 'float32' || tf.getKernel(KERNEL, tf.getBackend()) === undefined) {
    return tf.fused.conv2d({ x, filter, strides: [...strides], pad, bias, activation });
  }
  registerGradient();
  const inputs: tf.NamedTensorMap = { x, filter };
  if (bias) inputs.bias = bias;
  const attrs = { strides: [...strides], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined, activation, leakyreluAlpha: undefined };
  return tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

let registered = false;

/**
 * The gradient of `FusedConv2D` for tfjs's tape (tfjs registers none: its fused ops record their
 * own). Only the attributes `fusedConv2d` passes are served; any other is refused by name.
 */
function registerGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL)) return;
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, dataFormat, dilations, dimRoundingMode, activation } = attrs as unknown as {
        strides: [number, number];
        pad: 'valid' | 'same';
        dataFormat: string;
        dilations: number | [number, number];
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        activation: string;
      };
      const undilated = Array.isArray(dilations) ? dilations.every((d) => d === 1) : dilations === 1;
      if (dataFormat !== 'NHWC' || !undilated || (activation !== 'relu' && activation !== 'linear')) {
        throw new InvalidArgumentError(
          `No gradient for a ${KERNEL} kernel with data format ${dataFormat}, dilations ${JSON.stringify(dilations)} and activation ${activation}: ` +
            'only NHWC, undilated, relu or linear is served.',
        );
      }
      const { dz, db } = biasActivationGradient(dy as tf.Tensor4D, y, activation);
      const common = { strides, pad, dataFormat, dimRoundingMode } as unknown as tf.NamedAttrMap;
      return {
        x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter }, { ...common, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
        filter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...common, filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
        bias: () => db ?? tf.sum(dz, [0, 1, 2]),
      };
    },
  });
}

/**
 * dz = dy ⊙ relu'(y) (y > 0 exactly where the pre-activation is), with the bias's gradient Σ dz
 * per channel from the same kernel where the backend has `KERNEL_NAMES.biasActivationGrad`.
 */
function biasActivationGradient(dy: tf.Tensor4D, y: tf.Tensor4D, activation: 'relu' | 'linear'): { dz: tf.Tensor; db?: tf.Tensor } {
  if (activation === 'linear') return { dz: dy };
  if (!hasKernel(KERNEL_NAMES.biasActivationGrad)) return { dz: tf.mul(dy, tf.step(y)) };
  const channels = y.shape[3];
  const rows = y.size / channels;
  const [dz, db] = runKernel<tf.Tensor[]>(KERNEL_NAMES.biasActivationGrad, { dy: tf.reshape(dy, [rows, channels]), y: tf.reshape(y, [rows, channels]) }, { activation });
  return { dz: tf.reshape(dz!, y.shape), db: db! };
}
