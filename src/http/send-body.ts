// Writing an answer's body, as express's `res.send` does for our answers (no ETag: the service sets none):
// status, `Content-Type` (text with `charset=utf-8`), `Content-Length`, and no body for HEAD. One writer for
// the express routes and the hot path (src/http/hot-path.ts), so both answer byte for byte the same.
import type { ServerResponse } from "node:http";

export function sendBody(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.statusCode = status;
  const text = typeof body === "string";
  res.setHeader("Content-Type", text ? `${contentType}; charset=utf-8` : contentType);
  res.setHeader("Content-Length", text ? Buffer.byteLength(body, "utf8") : body.length);
  if (res.req?.method === "HEAD") res.end();
  else res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, contentType = "application/json"): void {
  sendBody(res, status, contentType, JSON.stringify(value));
}
