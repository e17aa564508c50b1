// A minimal static file server for the built site, on a free localhost port (port 0: the system picks one).
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import {extname, join, normalize, sep} from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm"
};

/**
 * Serves `dir` on 127.0.0.1 under the sub-path `prefix` (anything outside it is a 404, which proves the build's
 * URLs are relative); resolves to {url, close()} where url ends with "/".
 */
export function serve(dir, prefix = "/") {
  const server = createServer((req, res) => {
    const full = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!full.startsWith(prefix)) return res.writeHead(404, {"content-type": "text/plain"}).end("outside the site");
    const path = full.slice(prefix.length - 1);
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) return res.writeHead(301, {location: full + "/"}).end();
      file = join(file, "index.html");
    }
    if (!existsSync(file)) return res.writeHead(404, {"content-type": "text/plain"}).end("not found");
    res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        close: () =>
          new Promise((done) => {
            // A browser that is still open keeps connections alive: end them, or close() waits for its timeout.
            server.close(done);
            server.closeAllConnections();
          })
      });
    });
  });
}
