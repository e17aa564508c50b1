/**
 * A bounded loss curve of a training run of any length: each point is the mean loss over `stride` consecutive steps;
 * when the curve is full, neighbouring points are merged pairwise and the stride doubles, so it always spans the whole
 * run in at most `capacity` points (what a live loss curve draws).
 */

export interface LossHistory {
  /** Steps per point now (a power of two). */
  readonly stride: number;
  /** Points so far, at most `capacity`. */
  readonly length: number;
  /** Steps left until the point being filled is complete (cap a step(count) call at this to keep points exact). */
  readonly room: number;
  /** Adds `count` steps whose mean loss was `loss` (count ≤ room). */
  add(loss: number, count: number): void;
  /** Copies of the curve: the last step of each point and its mean loss. */
  snapshot(): {steps: Float64Array; loss: Float64Array};
}

export function lossHistory(capacity = 256): LossHistory {
  if (!(Number.isInteger(capacity) && capacity >= 2 && capacity % 2 === 0)) {
    throw new RangeError(`invalid capacity: ${capacity} (an even integer ≥ 2)`);
  }
  const steps = new Float64Array(capacity);
  const loss = new Float64Array(capacity);
  let length = 0;
  let stride = 1;
  let filled = 0; // steps in the point being filled
  let sum = 0;
  let total = 0;

  function merge(): void {
    for (let i = 0; i < length / 2; i++) {
      steps[i] = steps[2 * i + 1]!;
      loss[i] = (loss[2 * i]! + loss[2 * i + 1]!) / 2;
    }
    length /= 2;
    stride *= 2;
  }

  return {
    get stride() {
      return stride;
    },
    get length() {
      return length;
    },
    get room() {
      return stride - filled;
    },
    add(value, count) {
      if (!(Number.isInteger(count) && count >= 1 && count <= stride - filled)) {
        throw new RangeError(`invalid count: ${count} (an integer from 1 to ${stride - filled})`);
      }
      sum += value * count;
      filled += count;
      total += count;
      if (filled < stride) return;
      steps[length] = total;
      loss[length] = sum / stride;
      length++;
      filled = 0;
      sum = 0;
      if (length === capacity) merge();
    },
    snapshot: () => ({steps: steps.slice(0, length), loss: loss.slice(0, length)})
  };
}
