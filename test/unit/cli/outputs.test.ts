// The command line's output module (src/cli/outputs.ts) on ordinary files: chunked lines and their count, whole files
// never over an existing one, and the first failure kept, stopping the run. The full disk and the closed pipe
// themselves are in test/integration/full-disk-cli.test.ts and closed-pipe-cli.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Outputs } from "../../../src/cli/outputs.js";
import { OutputError, writeFailure } from "../../../src/output-error.js";

const dir = mkdtempSync(join(tmpdir(), "dcc-outputs-"));

test("lines leave in chunks, each with its LF; `committed` counts the lines written", async () => {
  const path = join(dir, "lines.ndjson");
  const outputs = new Outputs();
  const out = await outputs.openLines(path, { name: "OUT", mode: "new", chunkBytes: 10 });
  await out.write("abc");
  assert.equal(out.committed, 0, "3 bytes wait for the chunk");
  await out.write("defghij");
  assert.equal(out.committed, 2);
  await out.writeAll(
    (async function* () {
      yield "k";
    })(),
  );
  await out.close();
  assert.equal(out.committed, 3);
  assert.equal(readFileSync(path, "utf8"), "abc\ndefghij\nk\n");
});

test("an existing file is not overwritten: EEXIST stops the run, the file stays as it was, later writes throw the same", async () => {
  const path = join(dir, "taken.pdf");
  writeFileSync(path, "theirs");
  const outputs = new Outputs();
  await assert.rejects(outputs.writeFile(path, "taken.pdf", "ours"), (error: unknown) => {
    assert.ok(error instanceof OutputError);
    assert.equal(error.message, "cannot write taken.pdf: the file already exists (EEXIST)");
    return true;
  });
  assert.equal(readFileSync(path, "utf8"), "theirs");
  assert.equal(outputs.signal.aborted, true);
  await assert.rejects(outputs.writeFile(join(dir, "other.pdf"), "other.pdf", "x"), (error: unknown) => error === outputs.failure);
});

test("the stop line names the output and the cause, in words and by code; an error without a code is EIO", () => {
  const full = Object.assign(new Error("x"), { code: "ENOSPC" });
  assert.equal(writeFailure("OUT", full), "cannot write OUT: no space left on the device (ENOSPC)");
  assert.equal(writeFailure("standard output", { code: "EPIPE" }), "cannot write standard output: the reader closed the pipe (EPIPE)");
  assert.equal(writeFailure("OUT", { code: "ENOTCONN" }), "cannot write OUT: system error (ENOTCONN)");
  assert.equal(writeFailure("OUT", new Error("no code")), "cannot write OUT: input/output error (EIO)");
});
