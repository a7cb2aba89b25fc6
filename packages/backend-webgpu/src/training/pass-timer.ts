/**
 * GPU time of the whole-step program's compute passes, from WebGPU timestamp queries, for
 * benchmarks that must tell the GPU's time from JavaScript's (the GPU check). Off unless
 * `setStepTiming(true)`; a device without the `timestamp-query` feature (tfjs asks for it where
 * the adapter has it) times nothing. The timestamps of 64 passes are resolved into one buffer at
 * once, copied out and read without waiting (`mapAsync`), so timing adds no wait to the steps.
 */

// GPUBufferUsage and GPUMapMode flags (fixed by the WebGPU specification).
const MAP_READ = 0x0001;
const COPY_SRC = 0x0004;
const COPY_DST = 0x0008;
const QUERY_RESOLVE = 0x0200;
const SLOTS = 64;

interface ReadBuffer {
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}
interface TimedEncoder {
  resolveQuerySet(set: unknown, first: number, count: number, destination: unknown, offset: number): void;
  copyBufferToBuffer(source: unknown, sourceOffset: number, destination: unknown, destinationOffset: number, size: number): void;
  finish(): unknown;
}
export interface TimedDevice {
  readonly features: { has(name: string): boolean };
  createQuerySet(descriptor: { type: 'timestamp'; count: number }): unknown;
  createBuffer(descriptor: { size: number; usage: number }): unknown;
  createCommandEncoder(): unknown;
  readonly queue: { submit(buffers: unknown[]): void };
}

const totals = { passes: 0, gpuNs: 0, pending: 0 };
let enabled = false;
const timers = new WeakMap<TimedDevice, PassTimer>();
const live = new Set<PassTimer>();

/** Turns the timing of the whole-step program's passes on or off (and zeroes the totals when turned on). */
export function setStepTiming(on: boolean): void {
  enabled = on;
  if (on) Object.assign(totals, { passes: 0, gpuNs: 0 });
}

/**
 * The passes timed so far and their GPU time in milliseconds, once every timed pass's timestamps
 * have been read back (flushing the last partial set).
 */
export async function stepTiming(): Promise<{ passes: number; gpuMs: number }> {
  for (const timer of live) timer.flush();
  while (totals.pending > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  return { passes: totals.passes, gpuMs: totals.gpuNs / 1e6 };
}

/** Timestamp writes for passes on one device. */
export class PassTimer {
  private readonly querySet: unknown;
  private readonly resolved: unknown;
  private used = 0;

  private constructor(private readonly device: TimedDevice) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 * SLOTS });
    this.resolved = device.createBuffer({ size: 2 * SLOTS * 8, usage: QUERY_RESOLVE | COPY_SRC });
    live.add(this);
  }

  /** The device's timer when timing is on and the device can time passes, else undefined. */
  static forDevice(device: TimedDevice): PassTimer | undefined {
    if (!enabled || !device.features.has('timestamp-query')) return undefined;
    let timer = timers.get(device);
    if (!timer) timers.set(device, (timer = new PassTimer(device)));
    return timer;
  }

  /** The next pass's descriptor: its start and end timestamps into the next slot. */
  passDescriptor(): object {
    return { timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 2 * this.used, endOfPassWriteIndex: 2 * this.used + 1 } };
  }

  /** After the pass ends, in the same encoder: counts its slot, and reads the set out once full. */
  afterPass(encoder: TimedEncoder): void {
    this.used++;
    if (this.used === SLOTS) this.readOut(encoder);
  }

  /** Reads out a partial set with an encoder of its own. */
  flush(): void {
    if (this.used === 0) return;
    const encoder = this.device.createCommandEncoder() as TimedEncoder;
    this.readOut(encoder);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Resolves the used slots and copies them out (in `encoder`, submitted by its owner), summed once mapped. */
  private readOut(encoder: TimedEncoder): void {
    const passes = this.used;
    const size = 16 * passes;
    const target = this.device.createBuffer({ size, usage: MAP_READ | COPY_DST }) as ReadBuffer;
    // One resolve for the whole set (its destination offset must be a multiple of 256: 0).
    encoder.resolveQuerySet(this.querySet, 0, 2 * passes, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, target, 0, size);
    this.used = 0;
    totals.pending++;
    // Mapped once the submit that holds the copy has run (mapAsync waits for it).
    queueMicrotask(() => {
      target.mapAsync(MAP_READ).then(
        () => {
          const stamps = new BigUint64Array(target.getMappedRange());
          for (let k = 0; k < passes; k++) totals.gpuNs += Number(stamps[2 * k + 1]! - stamps[2 * k]!);
          totals.passes += passes;
          target.unmap();
          target.destroy();
          totals.pending--;
        },
        () => {
          target.destroy();
          totals.pending--;
        },
      );
    });
  }
}
