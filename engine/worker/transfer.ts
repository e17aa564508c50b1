/**
 * What of a frame can be transferred to the page instead of copied. A typed array's buffer is transferred when the
 * array covers it whole and it is a plain ArrayBuffer: a view into a larger buffer (a slice of WebAssembly memory, a
 * row of a matrix) is copied first, since transferring its buffer would take the rest away from its owner, and a
 * SharedArrayBuffer is never transferred. The job must not keep what it hands over: a transferred array is empty
 * (detached) on the worker's side afterwards.
 */
import type {Frame} from "../tasks/task.ts";

/** A frame ready to post, and the buffers to transfer with it. */
export interface TransferableFrame {
  frame: Frame;
  transfer: ArrayBuffer[];
}

/** Frames are shallow records; arrays and records of arrays nest a level or two at most. */
const MAX_DEPTH = 4;

/**
 * Walks the frame's values (and plain arrays and records inside them) and lists the buffers to transfer; views that
 * cannot be transferred are replaced by copies, in a new frame (the job's own objects are never changed). With
 * `copyAll`, every view is copied (the fallback when a buffer turns out not to be detachable, e.g. WebAssembly memory).
 */
export function transferable(frame: Frame, copyAll = false): TransferableFrame {
  const transfer = new Set<ArrayBuffer>();
  const visit = (value: unknown, depth: number): unknown => {
    if (ArrayBuffer.isView(value)) {
      const buffer = value.buffer;
      const whole = value.byteOffset === 0 && value.byteLength === buffer.byteLength;
      if (!copyAll && whole && buffer instanceof ArrayBuffer) {
        transfer.add(buffer);
        return value;
      }
      const copy = copyView(value);
      transfer.add(copy.buffer as ArrayBuffer);
      return copy;
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => visit(v, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = visit(v, depth + 1);
    return out;
  };
  return {frame: visit(frame, 0) as Frame, transfer: [...transfer]};
}

/** A copy of a view in a buffer of its own, of the same type. */
function copyView(view: ArrayBufferView): ArrayBufferView {
  if (view instanceof DataView)
    return new DataView(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  return (view as unknown as {slice(): ArrayBufferView}).slice();
}
