import type {DemoExample, DemoSpec} from "./spec.ts";

/** An example's name in kebab-case (`"Narrow, 2000 samples"` → `narrow-2000-samples`): its card key and snapshot name. */
export function exampleSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A demo's examples, checked: every name has letters or digits and no two names give the same slug. */
export function examplesOf(spec: DemoSpec): readonly DemoExample[] {
  const seen = new Set<string>();
  for (const example of spec.examples ?? []) {
    const slug = exampleSlug(example.name);
    if (slug === "") throw new RangeError(`demo ${spec.id}: invalid example name: ${JSON.stringify(example.name)}`);
    if (seen.has(slug)) throw new RangeError(`demo ${spec.id}: two examples named ${slug}`);
    seen.add(slug);
  }
  return spec.examples ?? [];
}
