// Placeholder until the WebAssembly kernels land: nothing to build yet.
console.log("build-wasm: no WebAssembly sources yet");
