import { InvalidArgumentError } from '@neuralkit/core';
import type { OnnxGraphBuilder } from './onnx-graph.js';

/**
 * The nodes of a Keras activation applied to `input`; returns the output name. Keras 3's
 * constants: leaky_relu slope 0.2, hard_sigmoid `x / 6 + 0.5` clipped, gelu exact (erf).
 */
export function onnxActivation(g: OnnxGraphBuilder, activation: string, input: string, base: string, where: string): string {
  const unary: Record<string, string> = {
    relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh', elu: 'Elu', selu: 'Selu', softplus: 'Softplus', softsign: 'Softsign', exponential: 'Exp',
  };
  if (activation === 'linear') return input;
  const op = unary[activation];
  if (op) return g.node(op, [input], [], `${base}_${activation}`);
  switch (activation) {
    case 'softmax':
    case 'log_softmax':
      return g.node(activation === 'softmax' ? 'Softmax' : 'LogSoftmax', [input], [{ name: 'axis', int: -1 }], `${base}_${activation}`);
    case 'leaky_relu':
      return g.node('LeakyRelu', [input], [{ name: 'alpha', float: 0.2 }], `${base}_leaky_relu`);
    case 'relu6':
      return g.node('Clip', [input, g.floatConstant(`${base}_zero`, [0], []), g.floatConstant(`${base}_six`, [6], [])], [], `${base}_relu6`);
    case 'hard_sigmoid':
      return g.node('HardSigmoid', [input], [{ name: 'alpha', float: 1 / 6 }, { name: 'beta', float: 0.5 }], `${base}_hard_sigmoid`);
    case 'silu':
      return g.node('Mul', [input, g.node('Sigmoid', [input], [], `${base}_sigmoid`)], [], `${base}_silu`);
    case 'gelu': {
      const scaled = g.node('Mul', [input, g.floatConstant(`${base}_rsqrt2`, [Math.SQRT1_2], [])], [], `${base}_gelu_scale`);
      const erf1 = g.node('Add', [g.node('Erf', [scaled], [], `${base}_erf`), g.floatConstant(`${base}_one`, [1], [])], [], `${base}_erf_1`);
      const half = g.node('Mul', [input, g.floatConstant(`${base}_half`, [0.5], [])], [], `${base}_half_x`);
      return g.node('Mul', [half, erf1], [], `${base}_gelu`);
    }
    default:
      throw new InvalidArgumentError(`ONNX export does not support the activation "${activation}" of ${where}.`);
  }
}
