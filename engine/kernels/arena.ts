/**
 * A bump allocator over one growable memory, with per-length free lists so that models of the same shape created and
 * disposed again and again (a demo being reset) reuse their blocks and memory stays flat. Offsets are bytes,
 * 16-byte aligned (one f32x4).
 */
export interface Arena {
  alloc(length: number): number;
  free(ptr: number, length: number): void;
  /** Bytes handed out so far (high-water mark). */
  top(): number;
}

/**
 * `base`: first usable byte. `ensure(bytes)`: makes the memory at least that large and zero-filled above the old top
 * (WebAssembly memory grows zero-filled). Freed blocks are zero-filled again before reuse by `zero(ptr, length)`.
 */
export function arena(
  base: number,
  ensure: (bytes: number) => void,
  zero: (ptr: number, length: number) => void
): Arena {
  let next = align(base);
  const freeLists = new Map<number, number[]>();
  return {
    alloc(length) {
      if (!Number.isInteger(length) || length < 0) throw new RangeError(`invalid length: ${length}`);
      const reused = freeLists.get(length)?.pop();
      if (reused !== undefined) {
        zero(reused, length);
        return reused;
      }
      const ptr = next;
      next = align(ptr + 4 * Math.max(length, 1));
      ensure(next);
      return ptr;
    },
    free(ptr, length) {
      const list = freeLists.get(length);
      if (list) list.push(ptr);
      else freeLists.set(length, [ptr]);
    },
    top: () => next
  };
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
