import {probe} from "./probe.ts";

probe().then(
  (result) => self.postMessage(result),
  (error: unknown) => self.postMessage({name: "error", maxDiff: NaN, message: String(error)})
);
