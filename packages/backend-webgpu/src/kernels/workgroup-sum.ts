/** Invocations of a workgroup that sums a column or a list: each takes every SUM_GROUP-th value. */
export const SUM_GROUP = 256;

/**
 * WGSL: `groupSum(lid, value)`, the workgroup's sum of one f32 per invocation, by halving in
 * shared memory; every invocation of the workgroup must call it (it has barriers).
 */
export const GROUP_SUM = `
  var<workgroup> partial : array<f32, ${SUM_GROUP}>;
  fn groupSum(lid : u32, value : f32) -> f32 {
    partial[lid] = value;
    workgroupBarrier();
    for (var k = ${SUM_GROUP / 2}u; k > 0u; k = k >> 1u) {
      if (lid < k) { partial[lid] = partial[lid] + partial[lid + k]; }
      workgroupBarrier();
    }
    let total = partial[0];
    workgroupBarrier();
    return total;
  }`;

/**
 * WGSL: the opening of a `main` of one workgroup a channel over a [rows, channels] layout (the
 * uniform `params` has `rows` and `channels`; workgroups along x, then y past the device's
 * limit): defines `ch`, `lid`, `rows` and `c`, and returns at once past the last channel.
 */
export const CHANNEL_MAIN = `
  @compute @workgroup_size(${SUM_GROUP})
  fn main(@builtin(workgroup_id) wid : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>,
          @builtin(local_invocation_index) lid : u32) {
    let ch = wid.y * groups.x + wid.x;
    if (ch >= params.channels) { return; }
    let rows = params.rows;
    let c = params.channels;`;
