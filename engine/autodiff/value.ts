/**
 * A scalar autodiff value, written as literally as micrograd's engine (karpathy/micrograd, engine.py) for the slide
 * that teaches backprop. The tensor engine (tensor.ts) is the one the demos use: scalar nodes are far too slow for
 * batches.
 */
export class Value {
  data: number;
  grad = 0;
  /** The inputs of the op that produced this value. */
  readonly prev: readonly Value[];
  /** The op's name, for drawing the graph ("+", "*", "tanh", ... or "" for a leaf). */
  readonly op: string;
  /** Accumulates this value's grad into its inputs' grads (chain rule for one op). */
  backwardStep: () => void = () => {};

  constructor(data: number, prev: Value[] = [], op = "") {
    this.data = data;
    this.prev = prev;
    this.op = op;
  }

  add(other: Value | number): Value {
    const o = asValue(other);
    const out = new Value(this.data + o.data, [this, o], "+");
    out.backwardStep = () => {
      this.grad += out.grad;
      o.grad += out.grad;
    };
    return out;
  }

  mul(other: Value | number): Value {
    const o = asValue(other);
    const out = new Value(this.data * o.data, [this, o], "*");
    out.backwardStep = () => {
      this.grad += o.data * out.grad;
      o.grad += this.data * out.grad;
    };
    return out;
  }

  /** this^k for a constant exponent k. */
  pow(k: number): Value {
    const out = new Value(this.data ** k, [this], `^${k}`);
    out.backwardStep = () => {
      this.grad += k * this.data ** (k - 1) * out.grad;
    };
    return out;
  }

  /** Applies f, whose derivative at this value is `slope`. */
  private unary(y: number, slope: number, op: string): Value {
    const out = new Value(y, [this], op);
    out.backwardStep = () => {
      this.grad += slope * out.grad;
    };
    return out;
  }

  tanh(): Value {
    const y = Math.tanh(this.data);
    return this.unary(y, 1 - y * y, "tanh");
  }

  exp(): Value {
    const y = Math.exp(this.data);
    return this.unary(y, y, "exp");
  }

  log(): Value {
    return this.unary(Math.log(this.data), 1 / this.data, "log");
  }

  relu(): Value {
    return this.unary(Math.max(this.data, 0), this.data > 0 ? 1 : 0, "relu");
  }

  neg(): Value {
    return this.mul(-1);
  }

  sub(other: Value | number): Value {
    return this.add(asValue(other).neg());
  }

  div(other: Value | number): Value {
    return this.mul(asValue(other).pow(-1));
  }

  /** Topological order, then the chain rule from this value back to every leaf. */
  backward(): void {
    const topo: Value[] = [];
    const visited = new Set<Value>();
    const build = (v: Value) => {
      if (visited.has(v)) return;
      visited.add(v);
      for (const child of v.prev) build(child);
      topo.push(v);
    };
    build(this);
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]!.backwardStep();
  }
}

function asValue(v: Value | number): Value {
  return typeof v === "number" ? new Value(v) : v;
}

/** A leaf value. */
export function value(data: number): Value {
  return new Value(data);
}
