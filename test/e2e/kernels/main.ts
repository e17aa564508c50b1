// The page the end-to-end walk opens to see the WebAssembly kernels chosen and correct on the page and in a worker.
import {probe, type ProbeResult} from "./probe.ts";

declare global {
  interface Window {
    kernelsProbe?: {page: ProbeResult; worker: ProbeResult};
  }
}

const page = await probe();
const worker = new Worker(new URL("./worker.ts", import.meta.url), {type: "module"});
worker.onmessage = (event: MessageEvent<ProbeResult>) => {
  window.kernelsProbe = {page, worker: event.data};
  document.body.textContent = JSON.stringify(window.kernelsProbe);
};
