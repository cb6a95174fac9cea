// The command line and revocation (docs/revocation.md): `convert` and `batch` refuse a revoked document, `revoke`
// writes the REVOCATION_LIST lines and the EU gateway batches (signed by the development upload signer), and an
// invalid REVOCATION_LIST stops `serve` and `convert` with one line naming the variable (exit 2). The real binary
// on the development SoftHSM token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { developmentDir } from "../../src/config.js";
import { euHash, revocationSpecimens } from "../support/revocation-specimens.js";
import { sha256 } from "../support/upload-pki.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const dir = mkdtempSync(join(tmpdir(), "revocation-cli-"));
const { signer, zoneA, docA, docB } = revocationSpecimens();
writeFileSync(join(dir, "trust.pem"), signer.pem);
writeFileSync(join(dir, "list.txt"), `# revoked\n2DDOC:${sha256(Buffer.from(zoneA, "latin1")).toString("hex").toUpperCase()}\n# end 1\n`);
writeFileSync(join(dir, "broken.txt"), "# revoked\n\nUCI:tooshort\n# end 1\n");

const run = (args: string[], list = join(dir, "list.txt"), input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, TWODDOC_TRUST_BUNDLE: join(dir, "trust.pem"), REVOCATION_LIST: list, CONVERSION_WORKERS: "0" },
  });

test("convert: a revoked document exits 1 with ERR_REVOKED and nothing else; another converts", () => {
  const refused = run(["convert", docA]);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, "");
  assert.deepEqual(JSON.parse(refused.stderr), { error: { code: "ERR_REVOKED" } });
  const other = run(["convert", docB]);
  assert.equal(other.status, 0, other.stderr);
  assert.match(other.stdout, /^HC1:/);
});

test("batch: the revoked line gets its per-line error with status 422, the others convert", () => {
  const input = join(dir, "in.ndjson");
  const output = join(dir, "out.ndjson");
  writeFileSync(input, [docA, docB].map((document, k) => JSON.stringify({ id: `n${k}`, document })).join("\n"));
  const result = run(["batch", input, output]);
  assert.equal(result.status, 1);
  const lines = readFileSync(output, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines[0], { line: 1, id: "n0", error: { code: "ERR_REVOKED", status: 422 } });
  assert.match(String(lines[1]!["uvci"]), /^URN:UVCI:01:FR:/);
});

test("revoke IN OUTDIR: list lines and gateway batches for documents and UVCIs; refused lines by number only", () => {
  const converted = JSON.parse(run(["convert", "--json", docB]).stdout) as { uvci: string };
  const input = join(dir, "revoke.ndjson");
  writeFileSync(
    input,
    [
      JSON.stringify({ document: docA }),
      JSON.stringify({ uvci: converted.uvci }),
      "",
      JSON.stringify({ uvci: "URN:UVCI:01:FR:NOPE" }),
      "not json",
      JSON.stringify({ uvci: converted.uvci.toLowerCase() }),
    ].join("\n"),
  );
  const outDir = join(dir, "out", "case-1");
  const result = run(["revoke", input, outDir]);
  assert.equal(result.status, 1, result.stderr);
  const errors = result.stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as unknown);
  assert.deepEqual(errors, [
    { line: 5, error: { code: "ERR_BATCH_LINE", status: 400 } },
    { line: 4, error: { code: "ERR_UVCI_CHECKSUM", status: 400 } },
    { line: 6, error: { code: "ERR_UVCI_SYNTAX", status: 400 } }, // another case: hashes over other bytes would match nothing
  ]);
  assert.ok(!result.stderr.includes("NOPE") && !result.stderr.includes(converted.uvci));

  const written = readFileSync(join(outDir, "revocation-list.txt"), "utf8").trim().split("\n");
  assert.equal(written.at(-1), "# end 5", "the line that makes the list whole");
  const lines = written.slice(0, -1);
  assert.equal(lines.length, 5);
  assert.equal(lines[2], `2DDOC:${sha256(Buffer.from(zoneA, "latin1")).toString("hex")}`, "lower-case hex of the data zone");
  assert.deepEqual(lines.slice(3), [`UCI:${euHash(converted.uvci)}`, `COUNTRYCODEUCI:${euHash(`FR${converted.uvci}`)}`]);
  assert.deepEqual(readdirSync(outDir).sort(), [
    "batch-COUNTRYCODEUCI-1.cms",
    "batch-COUNTRYCODEUCI-1.json",
    "batch-UCI-1.cms",
    "batch-UCI-1.json",
    "revocation-list.txt",
  ]);
  const uci = JSON.parse(readFileSync(join(outDir, "batch-UCI-1.json"), "utf8")) as { kid: string; entries: Array<{ hash: string }> };
  assert.equal(uci.kid, "UNKNOWN_KID");
  assert.deepEqual(
    uci.entries.map((e) => `UCI:${e.hash}`),
    [lines[0], lines[3]],
  );
  // REVOCATION_UPLOAD_SIGNER unset: the development token's upload signer signs each batch in the HSM; the CMS
  // verifies alone and against the development CSCA, and carries the .json file byte for byte.
  for (const type of ["UCI", "COUNTRYCODEUCI"]) {
    for (const extra of [["-noverify"], ["-CAfile", join(developmentDir(), "csca.pem"), "-purpose", "any"]]) {
      const verified = spawnSync("openssl", [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        join(outDir, `batch-${type}-1.cms`),
        ...extra,
      ]);
      assert.equal(verified.status, 0, verified.stderr.toString());
      assert.deepEqual(verified.stdout, readFileSync(join(outDir, `batch-${type}-1.json`)), `${type} ${extra[0]!}`);
    }
  }
});

// Regression: a second run into the same OUTDIR overwrote batch-*-1 (hashes not yet uploaded were lost) and left the
// first run's other batches beside the new ones.
test("revoke refuses an OUTDIR that holds a run's outputs (exit 2, nothing touched); it never writes through a symlink", () => {
  const input = join(dir, "revoke-twice.ndjson");
  writeFileSync(input, `${JSON.stringify({ document: docB })}\n`);
  const outDir = join(dir, "out", "case-2");
  const first = run(["revoke", input, outDir]);
  assert.equal(first.status, 0, first.stderr);
  const before = Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name))]));
  const second = run(["revoke", input, outDir]);
  assert.equal(second.status, 2);
  assert.match(second.stderr, /OUTDIR already holds/);
  assert.deepEqual(
    Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name))])),
    before,
    "nothing changed",
  );
  // A symlink named like an output, even dangling, is an output already there: refused, its target untouched.
  writeFileSync(join(dir, "victim.txt"), "untouched\n");
  for (const [name, target] of [
    ["batch-UCI-1.json", join(dir, "victim.txt")],
    ["revocation-list.txt", join(dir, "absent.txt")],
  ] as const) {
    const linked = join(dir, "out", `linked-${name}`);
    mkdirSync(linked);
    symlinkSync(target, join(linked, name));
    const refused = run(["revoke", input, linked]);
    assert.equal(refused.status, 2, name);
    assert.equal(readFileSync(join(dir, "victim.txt"), "utf8"), "untouched\n");
    assert.equal(existsSync(join(dir, "absent.txt")), false);
  }
});

test("an invalid REVOCATION_LIST stops serve and convert: exit 2, one line naming the variable and the line number", () => {
  for (const args of [["serve"], ["convert", docB]]) {
    const result = run(args, join(dir, "broken.txt"));
    assert.equal(result.status, 2, args[0]);
    assert.match(result.stderr, /REVOCATION_LIST line 3/, args[0]);
    assert.ok(!result.stderr.includes("tooshort"));
  }
  const missing = run(["convert", docB], join(dir, "no-such-file.txt"));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /REVOCATION_LIST/);
  assert.equal(existsSync(join(dir, "no-such-file.txt")), false);
});
