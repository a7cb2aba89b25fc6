import { numberToFloat16Bits } from '../quantize/float16.js';
import { OnnxType, type OnnxAttribute, type OnnxNode, type OnnxTensor, type OnnxTypeCode } from './onnx-proto.js';

/** How weights are stored in the exported graph. */
export type OnnxWeights = 'float32' | 'float16' | 'int8';

function floatBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function float16Bytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint16(i * 2, numberToFloat16Bits(v), true));
  return out;
}

/**
 * Collects the nodes and initializers of one ONNX graph, with unique names derived from the
 * layers' names, in the order they are added (so the bytes are deterministic).
 */
export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  /** How the next weights are stored: the export's choice, float32 for a layer kept at float32. */
  constructor(public weights: OnnxWeights) {}

  /** A name not used yet: `base`, then `base_1`, `base_2`... */
  unique(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  reserve(name: string): void {
    this.used.add(name);
  }

  initializer(name: string, dataType: OnnxTypeCode, dims: number[], raw: Uint8Array): string {
    const unique = this.unique(name);
    this.initializers.push({ name: unique, dataType, dims: [...dims], raw });
    return unique;
  }

  floatConstant(name: string, values: ArrayLike<number>, dims: number[]): string {
    return this.initializer(name, OnnxType.FLOAT, dims, floatBytes(Float32Array.from(values)));
  }

  int64Constant(name: string, values: number[]): string {
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    return this.initializer(name, OnnxType.INT64, [values.length], raw);
  }

  /**
   * A float weight as the graph stores it: float32 as is, or float16 followed by a Cast to
   * float32 (so no float16 kernel is ever needed). Int8 kernels go through `int8Weight`.
   */
  floatWeight(name: string, values: Float32Array, dims: number[]): string {
    if (this.weights !== 'float16') return this.floatConstant(name, values, dims);
    const half = this.initializer(`${name}_fp16`, OnnxType.FLOAT16, dims, float16Bytes(values));
    return this.node('Cast', [half], [{ name: 'to', int: OnnxType.FLOAT }], `${name}_cast`);
  }

  /** An int8 weight dequantized per channel along `axis`: `DequantizeLinear(q, 1 / kernel_scale)`. */
  int8Weight(name: string, values: Int8Array, dims: number[], scale: Float32Array, axis: number): string {
    const q = this.initializer(`${name}_int8`, OnnxType.INT8, dims, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    const s = this.floatConstant(`${name}_scale`, scale, [scale.length]);
    return this.node('DequantizeLinear', [q, s], [{ name: 'axis', int: axis }], `${name}_dequantize`);
  }

  /** Adds a node with one output and returns that output's name. */
  node(opType: string, inputs: string[], attributes: OnnxAttribute[] = [], base = opType.toLowerCase(), output?: string): string {
    const name = this.unique(base);
    const out = output ?? name;
    if (output) this.reserve(output);
    this.nodes.push({ opType, name, inputs, outputs: [out], ...(attributes.length ? { attributes } : {}) });
    return out;
  }
}
