/**
 * The engine worker's entry, and the only file of the engine that touches `self`: it serves the engine host
 * (host.ts) on the worker's scope, with this worker's kernels and the lazy task registry. The page creates it as
 * `new Worker(new URL("../../engine/worker/entry.ts", import.meta.url), {type: "module"})`
 * (demos/runtime/engine-client.ts).
 */
import {kernels} from "../kernels/index.ts";
import {loadTask} from "../tasks/index.ts";
import {engineHost, type HostPort} from "./host.ts";
import type {Request} from "./protocol.ts";

const scope = self;

const port: HostPort = {
  postMessage: (message, transfer = []) => scope.postMessage(message, {transfer}),
  onmessage: null
};
scope.onmessage = (event: MessageEvent<Request>) => port.onmessage?.({data: event.data});

engineHost(port, {load: loadTask, kernels: () => kernels()});
