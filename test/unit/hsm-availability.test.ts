// HSM availability transitions reach the operators: one log line and one count each, with the direction only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createLogger } from "../../src/logging.js";
import { createMetrics } from "../../src/metrics.js";
import { reportHsmAvailability } from "../../src/server.js";

test("each transition is logged (event, direction) and counted in dcc_hsm_availability_changes_total{to}", async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  });
  const metrics = createMetrics();
  const report = reportHsmAvailability(createLogger("info", sink), metrics);
  report(false);
  report(true);
  report(false);
  await new Promise((resolve) => setImmediate(resolve));
  const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(
    logged.map(({ event, to, level }) => ({ event, to, level })),
    [
      { event: "hsm-availability", to: "unavailable", level: 40 },
      { event: "hsm-availability", to: "available", level: 30 },
      { event: "hsm-availability", to: "unavailable", level: 40 },
    ],
  );
  const text = await metrics.registry.metrics();
  assert.match(text, /dcc_hsm_availability_changes_total\{to="unavailable"\} 2/);
  assert.match(text, /dcc_hsm_availability_changes_total\{to="available"\} 1/);
  assert.match(text, /dcc_hsm_available 0/);
});
