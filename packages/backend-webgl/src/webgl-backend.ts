import * as tf from '@tensorflow/tfjs-core';
import { activateTfjsBackend, type Backend } from '@neuralkit/core';

interface WebglFacts {
  webglVersion: number;
  floatPrecision: number;
  float32Textures: boolean;
  renderer?: string;
}

/**
 * GPU kernels for browsers from `@tensorflow/tfjs-backend-webgl`. Available where a WebGL2
 * context can be created (every current browser; never plain Node). Devices without float32
 * render targets compute in float16: `describe().floatPrecision` says which.
 *
 * ```ts
 * import { useBackend } from '@neuralkit/core';
 * import { webglBackend } from '@neuralkit/backend-webgl';
 * await useBackend([webglBackend(), 'cpu']);
 * ```
 */
export function webglBackend(): Backend {
  let facts: WebglFacts | undefined;
  return {
    name: 'webgl',
    async isAvailable() {
      return probeWebgl2() !== undefined;
    },
    async unavailableReason() {
      if (probeWebgl2() !== undefined) return undefined;
      return hasCanvas()
        ? 'This browser could not create a WebGL2 context (disabled, blocklisted GPU, or lost context).'
        : 'WebGL needs a browser: this runtime has no canvas (use wasm or cpu in Node).';
    },
    async activate() {
      await import('@tensorflow/tfjs-backend-webgl'); // registers the kernels
      await activateTfjsBackend('webgl');
      facts = {
        webglVersion: tf.env().getNumber('WEBGL_VERSION'),
        floatPrecision: tf.backend().floatPrecision(),
        float32Textures: tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
        ...rendererName(),
      };
    },
    describe() {
      return facts ? { ...facts } : {};
    },
  };
}

type Gl2 = { getExtension(name: string): unknown; getParameter(p: number): unknown };
type CanvasLike = { getContext(kind: string): unknown };

function hasCanvas(): boolean {
  const g = globalThis as { OffscreenCanvas?: unknown; document?: { createElement?: unknown } };
  return typeof g.OffscreenCanvas === 'function' || typeof g.document?.createElement === 'function';
}

function makeCanvas(): CanvasLike | undefined {
  const g = globalThis as {
    OffscreenCanvas?: new (w: number, h: number) => CanvasLike;
    document?: { createElement(tag: string): CanvasLike };
  };
  if (typeof g.OffscreenCanvas === 'function') return new g.OffscreenCanvas(1, 1);
  if (typeof g.document?.createElement === 'function') return g.document.createElement('canvas');
  return undefined;
}

let probed: Gl2 | null | undefined;

/** A WebGL2 context on a 1×1 canvas, made once; undefined when none can be made. Never throws. */
function probeWebgl2(): Gl2 | undefined {
  if (probed === undefined) {
    try {
      probed = (makeCanvas()?.getContext('webgl2') as Gl2 | null | undefined) ?? null;
    } catch {
      probed = null;
    }
  }
  return probed ?? undefined;
}

function rendererName(): { renderer?: string } {
  const gl = probeWebgl2();
  const info = gl?.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null | undefined;
  const name = info ? gl?.getParameter(info.UNMASKED_RENDERER_WEBGL) : undefined;
  return typeof name === 'string' ? { renderer: name } : {};
}
