import { ProtobufWriter } from './protobuf-writer.js';

/** ONNX `TensorProto.DataType` values used here. */
export const OnnxType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
export type OnnxTypeCode = (typeof OnnxType)[keyof typeof OnnxType];

/** An initializer: raw little-endian bytes of `dims` values of `dataType`. */
export interface OnnxTensor {
  name: string;
  dataType: OnnxTypeCode;
  dims: number[];
  raw: Uint8Array;
}

export type OnnxAttribute = { name: string } & ({ int: number } | { float: number } | { ints: number[] } | { floats: number[] });

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: OnnxAttribute[];
}

/** A graph input or output: float32 by default, `null` dims are symbolic (`N`). */
export interface OnnxValueInfo {
  name: string;
  elemType: OnnxTypeCode;
  dims: Array<number | string>;
}

export interface OnnxModel {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  graph: { name: string; nodes: OnnxNode[]; initializers: OnnxTensor[]; inputs: OnnxValueInfo[]; outputs: OnnxValueInfo[] };
}

// Field numbers from onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).
const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, FLOATS: 6, INTS: 7 } as const;

function writeAttribute(w: ProtobufWriter, a: OnnxAttribute): void {
  w.string(1, a.name);
  if ('float' in a) w.float(2, a.float).int(20, ATTRIBUTE_TYPE.FLOAT);
  else if ('int' in a) w.int(3, a.int).int(20, ATTRIBUTE_TYPE.INT);
  else if ('floats' in a) {
    for (const f of a.floats) w.float(7, f);
    w.int(20, ATTRIBUTE_TYPE.FLOATS);
  } else {
    for (const i of a.ints) w.int(8, i);
    w.int(20, ATTRIBUTE_TYPE.INTS);
  }
}

function writeNode(w: ProtobufWriter, node: OnnxNode): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name).string(4, node.opType);
  for (const a of node.attributes ?? []) w.message(5, (m) => writeAttribute(m, a));
}

function writeTensor(w: ProtobufWriter, t: OnnxTensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType).string(8, t.name).bytes(9, t.raw);
}

function writeValueInfo(w: ProtobufWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      tensor.message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** The bytes of an ONNX ModelProto. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtobufWriter();
  w.int(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  w.message(7, (g) => {
    for (const node of model.graph.nodes) g.message(1, (n) => writeNode(n, node));
    g.string(2, model.graph.name);
    for (const t of model.graph.initializers) g.message(5, (m) => writeTensor(m, t));
    for (const v of model.graph.inputs) g.message(11, (m) => writeValueInfo(m, v));
    for (const v of model.graph.outputs) g.message(12, (m) => writeValueInfo(m, v));
  });
  w.message(8, (o) => o.string(1, '').int(2, model.opset));
  return w.finish();
}
