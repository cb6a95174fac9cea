// The official EU test suite (dcc.md §5): ONE generic runner over every vector of dgc-testdata, checking each
// expected-result flag a verifier can speak to (§5.3) against our own stages. Agreements are counted per flag;
// a disagreement is accepted only when KNOWN-DIFFERENCES.md lists it (file + flag + reason), and a listed
// difference that no longer occurs fails too, so the list stays true.
import { test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { decodeBase45 } from "../../src/dcc/base45.js";
import { checkExpiration } from "../../src/dcc/check-expiration.js";
import { checkKeyUsage } from "../../src/dcc/check-key-usage.js";
import { parseCoseSign1, readClaims } from "../../src/dcc/decode.js";
import { removePrefix } from "../../src/dcc/hc1.js";
import { checkDccSchema, typeOfPayload } from "../../src/dcc/verify-schema.js";
import { verifyCoseSignature } from "../../src/dcc/verify-signature.js";
import { decompress } from "../../src/dcc/zlib.js";
import { vectorsDir } from "../support/vectors.js";

const root = vectorsDir("dgc-testdata");
const suiteDir = root === undefined ? undefined : join(root, "dcc/dgc-testdata");

const FLAGS = ["UNPREFIX", "B45DECODE", "COMPRESSION", "VERIFY", "DECODE", "SCHEMAVALIDATION", "EXPIRATIONCHECK", "KEYUSAGE"] as const;
type Flag = (typeof FLAGS)[number];

interface Vector {
  readonly file: string;
  readonly data: Record<string, unknown>;
  readonly expected: Partial<Record<`EXPECTED${Flag}`, boolean>>;
  readonly context: Record<string, unknown>;
}

/** Every JSON test vector: files with EXPECTEDRESULTS anywhere in the tree (raw/Raw folders, the root `QR`). */
function collectVectors(dir: string): Vector[] {
  const vectors: Vector[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      vectors.push(...collectVectors(path));
    } else if (name.endsWith(".json") || name === "QR") {
      const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      const expected = data["EXPECTEDRESULTS"];
      if (typeof expected !== "object" || expected === null) continue; // 6.json: a decoded payload, not a vector
      vectors.push({ file: relative(suiteDir!, path), data, expected: expected as Vector["expected"], context: (data["TESTCTX"] ?? {}) as Record<string, unknown> });
    }
  }
  return vectors;
}

const hex = (value: unknown): Buffer | undefined => (typeof value === "string" ? Buffer.from(value, "hex") : undefined);

/** Each layer from its own field, or derived from the layer above when the vector omits it. */
function layers(vector: Vector) {
  const d = vector.data;
  const base45 = () => (typeof d["BASE45"] === "string" ? d["BASE45"] : removePrefix(String(d["PREFIX"])));
  const compressed = () => hex(d["COMPRESSED"]) ?? decodeBase45(base45());
  const cose = () => hex(d["COSE"]) ?? decompress(compressed());
  const certificate = () => new X509Certificate(Buffer.from(String(vector.context["CERTIFICATE"]), "base64"));
  const claims = () => readClaims(parseCoseSign1(cose()).payload);
  return { base45, compressed, cose, certificate, claims };
}

// §5.2: VALIDATIONCLOCK comes as `Z`, `+02:00`, `+0200`, `+02`, with or without milliseconds.
function parseClock(vector: Vector): Date {
  const raw = String(vector.context["VALIDATIONCLOCK"] ?? vector.context["validationClockInstant"]);
  const iso = raw.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2").replace(/([+-]\d{2})$/, "$1:00");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`unparseable clock in ${vector.file}`);
  return date;
}

// §5.3: the harness compares every string that parses as a date-time at second precision in UTC.
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    if (!Number.isNaN(time)) return new Date(Math.floor(time / 1000) * 1000).toISOString();
  }
  return value;
}

/** What our stages say about one flag: true = the step succeeds. Any exception = the step fails. */
function actual(flag: Flag, vector: Vector): boolean {
  const l = layers(vector);
  const d = vector.data;
  try {
    switch (flag) {
      case "UNPREFIX": return d["BASE45"] === undefined ? (removePrefix(String(d["PREFIX"])), true) : removePrefix(String(d["PREFIX"])) === d["BASE45"];
      case "B45DECODE": return d["COMPRESSED"] === undefined ? (decodeBase45(l.base45()), true) : decodeBase45(l.base45()).equals(hex(d["COMPRESSED"])!);
      case "COMPRESSION": return d["COSE"] === undefined ? (decompress(l.compressed()), true) : decompress(l.compressed()).equals(hex(d["COSE"])!);
      case "VERIFY": return (verifyCoseSignature(parseCoseSign1(l.cose()), [l.certificate()]), true);
      case "DECODE": return (assert.deepStrictEqual(normalise(l.claims().payload), normalise(d["JSON"])), true);
      case "SCHEMAVALIDATION": return (checkDccSchema(l.claims().payload), true);
      case "EXPIRATIONCHECK": return (checkExpiration(l.claims(), l.certificate(), parseClock(vector)), true);
      case "KEYUSAGE": return (checkKeyUsage(l.certificate(), typeOfPayload(l.claims().payload)), true);
    }
  } catch {
    return false;
  }
}

/** `| file | FLAG | reason |` rows of KNOWN-DIFFERENCES.md. */
function readKnownDifferences(): Set<string> {
  const text = readFileSync(join(import.meta.dirname, "KNOWN-DIFFERENCES.md"), "utf8");
  const known = new Set<string>();
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim().replaceAll("`", ""));
    if (cells.length >= 4 && (FLAGS as readonly string[]).includes(cells[2] ?? "")) known.add(`${cells[1]} ${cells[2]}`);
  }
  return known;
}

test("dgc-testdata: every expected result agrees, or is a listed known difference", { skip: suiteDir === undefined }, () => {
  const vectors = collectVectors(suiteDir!);
  assert.ok(vectors.length >= 581, `found ${vectors.length} vectors`);
  const known = readKnownDifferences();
  const unexpected: string[] = [];
  const seen = new Set<string>();
  const counts: string[] = [];
  for (const flag of FLAGS) {
    let total = 0;
    let agree = 0;
    for (const vector of vectors) {
      const expected = vector.expected[`EXPECTED${flag}`];
      if (typeof expected !== "boolean") continue;
      total += 1;
      const key = `${vector.file} ${flag}`;
      if (actual(flag, vector) === expected) agree += 1;
      else if (known.has(key)) seen.add(key);
      else unexpected.push(`${key}: expected ${expected}`);
    }
    counts.push(`${flag} ${agree}/${total}`);
  }
  console.log(`# dgc-testdata: ${counts.join(" ")}`);
  assert.deepEqual(unexpected, [], "disagreements not listed in KNOWN-DIFFERENCES.md");
  assert.deepEqual([...known].filter((key) => !seen.has(key)), [], "listed differences that no longer occur");
});
