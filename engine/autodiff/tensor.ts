/**
 * Reverse-mode autodiff over 2D batched arrays, shaped like micrograd: every op computes its output and attaches a
 * backward closure that accumulates (+=) the output's gradient into its parents' gradients; `backward()` sorts the
 * graph topologically and sweeps it in reverse. Rows are samples, columns are features, storage is row-major float64.
 */

type Backward = (grad: Float64Array) => void;

/** Graph recording is on unless inside `noGrad`. */
let gradEnabled = true;

/** A `rows × cols` float64 array in row-major order, with an optional gradient and the op that produced it. */
export class Tensor {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values, length rows·cols. */
  data: Float64Array;
  /** d(loss)/d(data), same layout; null until something accumulates into it (or `zeroGrad`). */
  grad: Float64Array | null = null;
  /** True for parameters and for anything computed from them while graph recording was on. */
  readonly requiresGrad: boolean;
  /** Inputs of the op that produced this tensor (empty for leaves). */
  readonly parents: readonly Tensor[];
  /** Accumulates this tensor's gradient into the parents' gradients; null for leaves. */
  readonly backwardFn: Backward | null;

  constructor(
    data: Float64Array,
    rows: number,
    cols: number,
    requiresGrad = false,
    parents: Tensor[] = [],
    backwardFn: Backward | null = null
  ) {
    if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 0)) {
      throw new RangeError(`invalid shape: [${rows},${cols}]`);
    }
    if (data.length !== rows * cols) throw new RangeError(`invalid data length: ${data.length} for [${rows},${cols}]`);
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.requiresGrad = requiresGrad;
    this.parents = parents;
    this.backwardFn = backwardFn;
  }

  /** "[rows,cols]", as used in error messages. */
  get shape(): string {
    return `[${this.rows},${this.cols}]`;
  }

  /** The gradient buffer, allocated (zeroed) on first use. */
  gradBuffer(): Float64Array {
    return (this.grad ??= new Float64Array(this.data.length));
  }

  /** Sets the gradient to zeros (allocating it if needed). */
  zeroGrad(): void {
    if (this.grad) this.grad.fill(0);
    else this.grad = new Float64Array(this.data.length);
  }

  /** data[0] of a 1×1 tensor. */
  item(): number {
    if (this.rows !== 1 || this.cols !== 1) throw new RangeError(`item() needs a 1×1 tensor, got ${this.shape}`);
    return this.data[0]!;
  }

  /** A constant copy of the values, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data.slice(), this.rows, this.cols);
  }

  /**
   * Backpropagates from this 1×1 tensor: seeds its gradient with 1 and runs every backward closure in reverse
   * topological order. Gradients of intermediate tensors are reset first, so calling it twice on one graph adds the
   * gradients twice into the leaves (as PyTorch does with retain_graph), never into stale intermediates.
   */
  backward(): void {
    if (this.rows !== 1 || this.cols !== 1) throw new RangeError(`backward() needs a 1×1 tensor, got ${this.shape}`);
    if (!this.requiresGrad) throw new Error("backward() on a tensor that does not require grad");
    const order = topologicalOrder(this);
    for (const t of order) if (t.backwardFn) t.zeroGrad();
    this.gradBuffer()[0]! += 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i]!;
      if (t.backwardFn && t.grad) t.backwardFn(t.grad);
    }
  }
}

/** Parents before children, only over tensors that require grad. Iterative, because unrolled ODE graphs are deep. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, next] = top;
    if (next < node.parents.length) {
      top[1] = next + 1;
      const p = node.parents[next]!;
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

function toFloat64(data: Float64Array | number[], rows: number, cols: number): Float64Array {
  const out = data instanceof Float64Array ? data : Float64Array.from(data);
  if (out.length !== rows * cols) throw new RangeError(`invalid data length: ${out.length} for [${rows},${cols}]`);
  return out;
}

/** A constant tensor (no gradient). A Float64Array is used as is, not copied. */
export function tensor(data: Float64Array | number[], rows: number, cols: number): Tensor {
  return new Tensor(toFloat64(data, rows, cols), rows, cols);
}

/** A trainable leaf: requiresGrad, gradient accumulated by `backward()`. A Float64Array is used as is. */
export function parameter(data: Float64Array | number[], rows: number, cols: number): Tensor {
  return new Tensor(toFloat64(data, rows, cols), rows, cols, true);
}

/** A constant `rows × cols` tensor filled with `value`. */
export function full(rows: number, cols: number, value: number): Tensor {
  return new Tensor(new Float64Array(rows * cols).fill(value), rows, cols);
}

/** A constant `rows × cols` tensor of zeros. */
export function zeros(rows: number, cols: number): Tensor {
  return new Tensor(new Float64Array(rows * cols), rows, cols);
}

/** Runs `fn` without recording a graph: ops return constants, which is faster for inference. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Whether ops currently record the graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Builds an op's output (for op implementations). The backward closure is attached only when recording is on and
 * some parent requires grad; it receives the output's gradient and must accumulate into `parent.gradBuffer()`.
 */
export function result(data: Float64Array, rows: number, cols: number, parents: Tensor[], backward: Backward): Tensor {
  const needs = gradEnabled && parents.some((p) => p.requiresGrad);
  if (!needs) return new Tensor(data, rows, cols);
  return new Tensor(data, rows, cols, true, parents, backward);
}

/** Throws `shape mismatch: [r,c] vs [r,c]`. */
export function shapeMismatch(a: Tensor, b: Tensor): never {
  throw new RangeError(`shape mismatch: ${a.shape} vs ${b.shape}`);
}
