import type { SerializedObject } from '@neuralkit/core';

/**
 * A nested object (initializer, regularizer) in the form tf.keras 2.13+ and Keras 3 put inside
 * layer configs: `{module, class_name, config, registered_name}` (tf.keras 2.15's
 * `serialization_lib.serialize_keras_object`; the fixture written by tf.keras 2.15 has it).
 */
export function kerasObject(module: string, serialized: SerializedObject): SerializedObject {
  return { module, class_name: serialized.class_name, config: serialized.config, registered_name: null };
}
