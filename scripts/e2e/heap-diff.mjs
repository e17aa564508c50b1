// What grew in a page's heap between two moments: a heap snapshot taken over CDP (HeapProfiler), summed by node
// type and name (constructor names for objects, element names for the DOM, "Detached …" for nodes off the page), and
// the difference of two such sums, largest growth first. Used by `npm run memory -- --diff` to find what a deck keeps.

/**
 * Takes a heap snapshot of the page behind `cdp` and returns its sums: Map of "type name" → {count, size}, with
 * `.largest`: the biggest array buffers' sizes and what holds them (a retainer chain of names).
 */
export async function heapSummary(cdp) {
  const chunks = [];
  const onChunk = ({chunk}) => chunks.push(chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  try {
    await cdp.send("HeapProfiler.enable");
    for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.takeHeapSnapshot", {reportProgress: false});
  } finally {
    cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  }
  const snapshot = JSON.parse(chunks.join(""));
  const sums = summarize(snapshot);
  sums.largest = largestBuffers(snapshot);
  return sums;
}

/** The `top` largest array buffers' backing stores, each with a chain of what retains it (edge and node names). */
export function largestBuffers(snapshot, top = 6) {
  const meta = snapshot.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const types = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const [typeAt, nameAt, sizeAt, edgesAt] = ["type", "name", "self_size", "edge_count"].map((f) =>
    meta.node_fields.indexOf(f)
  );
  const [edgeTypeAt, edgeNameAt, toAt] = ["type", "name_or_index", "to_node"].map((f) => meta.edge_fields.indexOf(f));
  const {nodes, edges, strings} = snapshot;
  const retainer = new Map();
  for (let n = 0, e = 0; n < nodes.length; n += nf) {
    for (let k = 0; k < nodes[n + edgesAt]; k++, e += ef) {
      const to = edges[e + toAt];
      const kind = edgeTypes[edges[e + edgeTypeAt]];
      if (kind === "weak" || kind === "shortcut") continue;
      const name =
        kind === "element" || kind === "hidden" ? `[${edges[e + edgeNameAt]}]` : strings[edges[e + edgeNameAt]];
      if (!retainer.has(to)) retainer.set(to, {from: n, name});
    }
  }
  const label = (n) => `${types[nodes[n + typeAt]]}:${String(strings[nodes[n + nameAt]]).slice(0, 40)}`;
  const buffers = [];
  for (let n = 0; n < nodes.length; n += nf) {
    if (String(strings[nodes[n + nameAt]]).includes("JSArrayBufferData")) buffers.push(n);
  }
  buffers.sort((a, b) => nodes[b + sizeAt] - nodes[a + sizeAt]);
  return buffers.slice(0, top).map((n) => {
    const chain = [];
    for (let at = n, i = 0; i < 9 && retainer.has(at); i++) {
      const {from, name} = retainer.get(at);
      chain.push(`${name} ← ${label(from)}`);
      at = from;
    }
    return `${(nodes[n + sizeAt] / 1024).toFixed(0)} kB: ${chain.join(" ‹ ")}`;
  });
}

/** Sums a parsed heap snapshot's nodes by type and name. */
export function summarize(snapshot) {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const {nodes, strings} = snapshot;
  const sums = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    // Strings and code are summed by type only: their names are their contents.
    const name = ["string", "concatenated string", "sliced string", "code", "number"].includes(type)
      ? ""
      : String(strings[nodes[i + nameAt]]).slice(0, 60);
    const key = `${type} ${name}`.trim();
    const sum = sums.get(key) ?? {count: 0, size: 0};
    sum.count++;
    sum.size += nodes[i + sizeAt];
    sums.set(key, sum);
  }
  return sums;
}

/** The `top` entries that grew most in size from `before` to `after`, as lines of text. */
export function heapGrowth(before, after, top = 15) {
  const rows = [];
  for (const [key, {count, size}] of after) {
    const was = before.get(key) ?? {count: 0, size: 0};
    rows.push({key, count: count - was.count, size: size - was.size});
  }
  for (const [key, was] of before) if (!after.has(key)) rows.push({key, count: -was.count, size: -was.size});
  rows.sort((a, b) => b.size - a.size);
  const kb = (bytes) => `${bytes >= 0 ? "+" : ""}${(bytes / 1024).toFixed(1)} kB`;
  const total = rows.reduce((s, r) => s + r.size, 0);
  return [
    `total ${kb(total)}`,
    ...rows.slice(0, top).map((r) => `${kb(r.size)} ${r.count >= 0 ? "+" : ""}${r.count}× ${r.key}`)
  ];
}
