import {gaussianSamples} from "./gaussian-samples.ts";
import type {DemoRegistry} from "./runtime/mount.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** Every demo a deck can embed, by id. The only module that knows them all; add a new demo here. */
export const demos: DemoRegistry = new Map<string, DemoSpec>([gaussianSamples].map((spec) => [spec.id, spec]));
