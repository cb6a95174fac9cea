// The access log's logger (flatLineLogger) keeps the fence of the content keys on its flat lines, and the
// service logger keeps the full paths (one level down) for every other line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createLogger, flatLineLogger } from "../../src/logging.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger("info", sink) };
}

test("flatLineLogger censors every content key at the top level and keeps the allow-listed fields", async () => {
  const { lines, logger } = capture();
  flatLineLogger(logger).info(
    { route: "/v1/conversions", status: 200, document: "DC04", uvci: "URN:UVCI:01:FR:X", dob: "1960-01-01" },
    "request",
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    {
      route: lines[0]!["route"],
      status: lines[0]!["status"],
      document: lines[0]!["document"],
      uvci: lines[0]!["uvci"],
      dob: lines[0]!["dob"],
    },
    { route: "/v1/conversions", status: 200, document: "[redacted]", uvci: "[redacted]", dob: "[redacted]" },
  );
});

test("the service logger still censors content keys one level down", async () => {
  const { lines, logger } = capture();
  logger.info({ event: "x", nested: { nam: "DUPOND", fn: "DUPOND" } }, "line");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(lines[0]!["nested"], { nam: "[redacted]", fn: "[redacted]" });
});
