// A POST whose headers are sent and whose body is not finished: the server has the request, the handler waits for
// its body. For tests of bounds taken before a body is read (docs/operations.md, "Bounds").
import assert from "node:assert/strict";
import { request, type ClientRequest, type IncomingMessage } from "node:http";

export interface HeldRequest {
  readonly req: ClientRequest;
  readonly response: Promise<IncomingMessage>;
  /** Sends the rest of the body. */
  finish(): void;
}

export function holdRequest(url: string, body: string, headers: Record<string, string> = {}): HeldRequest {
  const req = request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
  req.flushHeaders();
  req.write(body.slice(0, 1));
  return { req, response, finish: () => req.end(body.slice(1)) };
}

export async function bodyOf(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * One more held request than `bound`, none of which can finish: exactly one is refused, whatever the order. Asserts
 * that the first answer is that refusal — 503 ERR_OVERLOADED naming `queue`, with Retry-After — and returns the
 * admitted ones, still held (the caller finishes them when its own checks of the full bound are done).
 */
export async function holdPastBound(bound: number, hold: (k: number) => HeldRequest, queue: string): Promise<HeldRequest[]> {
  const held = Array.from({ length: bound + 1 }, (_, k) => hold(k));
  const first = await Promise.race(held.map(async (request) => ({ request, answer: await request.response })));
  assert.equal(first.answer.statusCode, 503);
  assert.equal(first.answer.headers["retry-after"], "5");
  const problem = JSON.parse((await bodyOf(first.answer)).toString("utf8")) as { code: string; field: string };
  assert.deepEqual([problem.code, problem.field], ["ERR_OVERLOADED", queue]);
  first.request.req.destroy();
  return held.filter((request) => request !== first.request);
}
