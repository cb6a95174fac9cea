// Small helpers shared by the container suites: a container's whole output, and elapsed seconds.
import type { Readable } from "node:stream";

/** A log consumer gathering a container's output, and the whole of it once the stream ends. */
export function collectOutput(): { consume: (stream: Readable) => void; ended: Promise<string> } {
  let consume: (stream: Readable) => void = () => undefined;
  const ended = new Promise<string>((done) => {
    consume = (stream) => {
      const chunks: string[] = [];
      stream.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
      stream.on("end", () => done(chunks.join("")));
      stream.on("error", () => done(chunks.join("")));
    };
  });
  return { consume: (stream) => consume(stream), ended };
}

export function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
