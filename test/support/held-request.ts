// A POST whose headers are sent and whose body is not finished: the server has the request, the handler waits for
// its body. For tests of bounds taken before a body is read (docs/operations.md, "Bounds").
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
