/**
 * The recorded flow deck 2 plays back on D2.6-D2.8 (engine/weights/realnvp-moons.json, written by the `weights-nf`
 * command): the file, checked once, and its final flow rebuilt once. The JSON is imported statically so that the
 * demos' `snapshot` can use it synchronously; it lands in the chunk of the demos that import this module (loaded when
 * their slide comes near), not in the deck's initial script.
 */
import shipped from "../../engine/weights/realnvp-moons.json";
import {flowFromJson} from "../../engine/flows/serialize.ts";
import type {Flow} from "../../engine/flows/flow.ts";
import {checkRecording, type NfRecording} from "../../engine/weights/nf-recording.ts";

/** The recorded run. */
export const recording: NfRecording = checkRecording(shipped);

/** Layers of the shipped flow (K). */
export const LAYERS = recording.flow.blocks.length;

let flow: Flow | undefined;

/** The shipped flow's final weights as an engine Flow (built on first use). */
export function shippedFlow(): Flow {
  flow ??= flowFromJson(recording.flow);
  return flow;
}
