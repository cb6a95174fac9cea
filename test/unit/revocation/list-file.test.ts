// The REVOCATION_LIST file and the compact store: every line form, refusals by line number, membership
// checked against an independent node:crypto computation and a plain Set over random hashes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { parseRevocationList, parseRevocationListInSlices, revocationListText } from "../../../src/revocation/list-file.js";
import { HashStoreBuilder } from "../../../src/revocation/hash-store.js";
import { isRevokedIn } from "../../../src/revocation/revocation-list.js";
import { digestsOf, hashText } from "../../../src/revocation/hashes.js";
import { randomUvci } from "../../../src/dcc/uvci.js";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest();
const euHash = (data: string) => sha256(Buffer.from(data, "utf8")).subarray(0, 16).toString("base64");

test("hash definitions: UCI over the UVCI, COUNTRYCODEUCI over FR + UVCI, 2DDOC hex over the data zone", () => {
  const uvci = randomUvci();
  const zone = Buffer.from("DC04FR03AV011E6A1E6AL101FRL0SPECIMEN", "latin1");
  const digests = digestsOf(uvci, zone);
  assert.equal(hashText("UCI", digests.UCI), euHash(uvci));
  assert.equal(hashText("COUNTRYCODEUCI", digests.COUNTRYCODEUCI), euHash(`FR${uvci}`));
  assert.equal(hashText("2DDOC", digests["2DDOC"]!), sha256(zone).toString("hex"));
  assert.equal(hashText("UCI", digests.UCI).length, 24);
});

test("a list with every line form: comments, blanks, CRLF, upper-case hex; membership by each kind", () => {
  const [a, b, c] = [randomUvci(), randomUvci(), randomUvci()];
  const zone = Buffer.from("DC04FR03AV01ZONE", "latin1");
  const text = [
    "# revoked on 2026-12-01",
    "",
    `UCI:${euHash(a)}`,
    `  COUNTRYCODEUCI:${euHash(`FR${b}`)}\r`,
    `2DDOC:${sha256(zone).toString("hex").toUpperCase()}`,
    "   ",
    "#",
    "",
    "# end 3",
    "",
  ].join("\n");
  const stores = parseRevocationList(Buffer.from(text));
  assert.deepEqual([stores.UCI.size, stores.COUNTRYCODEUCI.size, stores["2DDOC"].size], [1, 1, 1]);
  assert.equal(isRevokedIn(stores, { uvci: a }), true, "by UCI");
  assert.equal(isRevokedIn(stores, { uvci: b }), true, "by COUNTRYCODEUCI");
  assert.equal(isRevokedIn(stores, { uvci: c, sourceBytes: zone }), true, "by 2DDOC, whatever the UVCI");
  assert.equal(isRevokedIn(stores, { uvci: c }), false);
  assert.equal(isRevokedIn(stores, { uvci: c, sourceBytes: Buffer.from("DC04FR03AV01ZONF", "latin1") }), false);
});

test("a file with no entry and its end line is an empty list", () => {
  for (const text of ["# end 0", "\n# end 0\n\n", "# nothing yet\n  # end 0\r\n"]) {
    const stores = parseRevocationList(Buffer.from(text));
    assert.equal(stores.UCI.size + stores.COUNTRYCODEUCI.size + stores["2DDOC"].size, 0);
  }
});

test("any bad line refuses the whole file with its line number only", () => {
  const good = `UCI:${euHash(randomUvci())}`;
  const bad: readonly string[] = [
    "UCI:",
    `UCI:${euHash("x").slice(0, 23)}`,
    `UCI:${euHash("x")}=`,
    `uci:${euHash("x")}`,
    `SIGNATURE:${euHash("x")}`,
    `UCI:${euHash("x").replace(/^./, "*")}`,
    "UCI:AAAAAAAAAAAAAAAAAAAAAB==", // non-canonical: the last character has bits set
    `2DDOC:${"g".repeat(64)}`,
    `2DDOC:${"a".repeat(63)}`,
    `UCI ${euHash("x")}`,
    "random text",
    `COUNTRYCODEUCI:${"A".repeat(24)}`,
  ];
  for (const line of bad) {
    assert.throws(
      () => parseRevocationList(Buffer.from(`# header\n${good}\n${line}\n${good}\n# end 3\n`)),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, "ERR_CONFIG");
        assert.equal(error.field, "REVOCATION_LIST line 3");
        assert.ok(!error.message.includes(line), "no content in the message");
        return true;
      },
      line,
    );
  }
});

test("the store agrees with a Set of strings on 20,000 random hashes and 20,000 absent ones", () => {
  const present = Array.from({ length: 20_000 }, () => randomBytes(16));
  const builder = new HashStoreBuilder(present.length);
  for (const hash of present) builder.add(hash);
  const store = builder.build();
  assert.equal(store.size, present.length);
  for (const hash of present) assert.equal(store.has(hash), true);
  const known = new Set(present.map((h) => h.toString("hex")));
  for (let i = 0; i < 20_000; i++) {
    const probe = randomBytes(16);
    assert.equal(store.has(probe), known.has(probe.toString("hex")));
  }
});

test("the store stays correct when every hash falls in one bucket (no reliance on uniform input)", () => {
  const present = Array.from({ length: 2_000 }, (_, i) => Buffer.concat([Buffer.alloc(4), Buffer.from(String(i).padStart(12, "0"))]));
  const builder = new HashStoreBuilder(present.length);
  for (const hash of present) builder.add(hash);
  const store = builder.build();
  for (const hash of present) assert.equal(store.has(hash), true);
  assert.equal(store.has(Buffer.concat([Buffer.alloc(4), Buffer.from("000000002000")])), false);
  assert.equal(store.has(Buffer.alloc(16)), false);
});

test("parsed a slice at a time (reloads): the same list, the event loop given turns, line numbers across slices", async () => {
  const uvcis = Array.from({ length: 40_000 }, () => randomUvci());
  const body = uvcis.map((uvci) => `UCI:${euHash(uvci)}\nCOUNTRYCODEUCI:${euHash(`FR${uvci}`)}`).join("\n");
  const text = `${body}\n# end 80000\n`;
  let pauses = 0;
  const pause = async () => {
    pauses += 1;
  };
  const stores = await parseRevocationListInSlices(Buffer.from(text), pause);
  assert.ok(pauses >= 2, "more than one slice for a 2.5 MB file");
  assert.deepEqual([stores.UCI.size, stores.COUNTRYCODEUCI.size], [40_000, 40_000]);
  for (const uvci of uvcis.slice(0, 500)) assert.equal(isRevokedIn(stores, { uvci }), true);
  await assert.rejects(parseRevocationListInSlices(Buffer.from(`${body}\nUCI:bad\n# end 80001\n`), pause), {
    code: "ERR_CONFIG",
    field: "REVOCATION_LIST line 80001",
  });
  await assert.rejects(parseRevocationListInSlices(Buffer.from(`${body}\n# end 79999\n`), pause), {
    code: "ERR_CONFIG",
    field: "REVOCATION_LIST end",
  });
});

// Regression: `: > list`, `cp`, `cat >` and `sort -o` empty the file first; a reload caught then (or a write cut at a
// line end) parsed as a shorter list and un-revoked the rest (service contract §8.2, docs/revocation.md).
test("a file without its `# end <N>` line, or with another count, is refused as `REVOCATION_LIST end`", () => {
  const lines = [randomUvci(), randomUvci(), randomUvci()].map((uvci) => `UCI:${euHash(uvci)}`);
  const whole = `# fraud cases\n${lines.join("\n")}\n# end 3\n`;
  assert.equal(parseRevocationList(Buffer.from(whole)).UCI.size, 3);
  const broken = [
    "",
    "\n",
    "# fraud cases\n", // emptied, or caught just after the first write
    `# fraud cases\n${lines[0]}\n`,
    whole.slice(0, whole.indexOf(lines[2]!)), // cut at a line end
    whole.slice(0, -2),
    `${whole.slice(0, whole.lastIndexOf("3"))}`, // cut inside the end line
    whole.replace("# end 3", "# end 2"),
    whole.replace("# end 3", "# end 4"),
    whole.replace("# end 3", "# END 3"),
    whole.replace("# end 3", "# end 3 entries"),
    whole.replace("# end 3", "# end -3"),
    whole.replace("# end 3", "# end 1e1"),
    `${whole}${lines[0]}\n`, // entries after the end line
    whole.replace("# end 3", `# end ${"9".repeat(13)}`),
  ];
  for (const text of broken) {
    assert.throws(
      () => parseRevocationList(Buffer.from(text)),
      { code: "ERR_CONFIG", field: "REVOCATION_LIST end" },
      JSON.stringify(text.slice(-12)),
    );
  }
});

test("revocationListText writes the entries and the end line that makes the list whole", () => {
  const lines = [`UCI:${euHash(randomUvci())}`, `2DDOC:${sha256("zone").toString("hex")}`];
  const text = revocationListText(lines);
  assert.equal(text, `${lines[0]}\n${lines[1]}\n# end 2\n`);
  assert.equal(revocationListText([]), "# end 0\n");
  const stores = parseRevocationList(Buffer.from(text));
  assert.deepEqual([stores.UCI.size, stores["2DDOC"].size], [1, 1]);
});
