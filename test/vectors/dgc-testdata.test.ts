// The official EU test suite (github.com/eu-digital-green-certificates/dgc-testdata, README "Possible boolean
// variables"): ONE generic runner over every vector, checking each expected-result flag a verifier can speak
// to against our own stages. A positive flag agrees when the stage passes; a negative one only when the
// flag's own stage refuses it with one of the flag's codes (REFUSALS). Agreements are counted per flag;
// a disagreement is accepted only when KNOWN-DIFFERENCES.md lists it (file + flag + reason), and a listed
// difference that no longer occurs fails too, so the list stays true.
import { test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { isConverterError, type ErrorCode } from "../../src/errors.js";
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
      vectors.push({
        file: relative(suiteDir!, path),
        data,
        expected: expected as Vector["expected"],
        context: (data["TESTCTX"] ?? {}) as Record<string, unknown>,
      });
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

// TESTCTX.VALIDATIONCLOCK comes as `Z`, `+02:00`, `+0200`, `+02`, with or without milliseconds.
function parseClock(vector: Vector): Date {
  const raw = String(vector.context["VALIDATIONCLOCK"] ?? vector.context["validationClockInstant"]);
  const iso = raw
    .trim()
    .replace(/([+-]\d{2})(\d{2})$/, "$1:$2")
    .replace(/([+-]\d{2})$/, "$1:00");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`unparseable clock in ${vector.file}`);
  return date;
}

// The upstream harness compares every string that parses as a date-time at second precision in UTC.
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

/**
 * The stage each flag speaks to, and the codes with which that stage refuses what the flag says must fail
 * (PROVENANCE.md of dgc-testdata, "Possible boolean variables"). A negative vector agrees only when this
 * stage refuses it with one of these codes: an exception of another kind (a TypeError in our code, say) or
 * another stage's code is a disagreement.
 */
const REFUSALS: Readonly<Record<Flag, readonly ErrorCode[]>> = {
  UNPREFIX: ["ERR_HC1_PREFIX"],
  B45DECODE: ["ERR_HC1_BASE45"],
  COMPRESSION: ["ERR_HC1_ZLIB"],
  // The step reads the COSE_Sign1 and verifies it: a malformed structure (CBO2) cannot be verified, a wrong
  // kid (CO22, CO23) is refused before any signature is checked.
  VERIFY: ["ERR_COSE_FORMAT", "ERR_COSE_SIGNATURE", "ERR_COSE_UNKNOWN_KID", "ERR_COSE_ALGORITHM"],
  DECODE: ["ERR_COSE_FORMAT", "ERR_CWT_CLAIMS"],
  SCHEMAVALIDATION: ["ERR_DCC_SCHEMA"],
  EXPIRATIONCHECK: ["ERR_CWT_EXPIRED"],
  KEYUSAGE: ["ERR_DSC_KEY_USAGE"],
};

/** What our stage says about one flag: it passes, it refuses with a stable code, or something else happened. */
type Outcome = { readonly ok: true } | { readonly ok: false; readonly code: string };

/** Our layer differs from the one the vector gives: the stage ran, but not to the vector's result. */
const MISMATCH = "MISMATCH";

function outcome(flag: Flag, vector: Vector): Outcome {
  const l = layers(vector);
  const d = vector.data;
  const same = (equal: boolean): Outcome => (equal ? { ok: true } : { ok: false, code: MISMATCH });
  try {
    switch (flag) {
      case "UNPREFIX":
        return d["BASE45"] === undefined
          ? (removePrefix(String(d["PREFIX"])), { ok: true })
          : same(removePrefix(String(d["PREFIX"])) === d["BASE45"]);
      case "B45DECODE":
        return d["COMPRESSED"] === undefined
          ? (decodeBase45(l.base45()), { ok: true })
          : same(decodeBase45(l.base45()).equals(hex(d["COMPRESSED"])!));
      case "COMPRESSION":
        return d["COSE"] === undefined
          ? (decompress(l.compressed()), { ok: true })
          : same(decompress(l.compressed()).equals(hex(d["COSE"])!));
      case "VERIFY":
        return (verifyCoseSignature(parseCoseSign1(l.cose()), [l.certificate()]), { ok: true });
      case "DECODE":
        return same(isDeepStrictEqual(normalise(l.claims().payload), normalise(d["JSON"])));
      case "SCHEMAVALIDATION":
        return (checkDccSchema(l.claims().payload), { ok: true });
      case "EXPIRATIONCHECK":
        return (checkExpiration(l.claims(), l.certificate(), parseClock(vector)), { ok: true });
      case "KEYUSAGE":
        return (checkKeyUsage(l.certificate(), typeOfPayload(l.claims().payload)), { ok: true });
    }
  } catch (error) {
    return { ok: false, code: isConverterError(error) ? error.code : `unexpected ${(error as Error)?.name ?? typeof error}` };
  }
}

/** Agreement: a positive flag passes; a negative flag is refused by its own stage with one of its codes. */
function agrees(flag: Flag, expected: boolean, result: Outcome): boolean {
  if (expected) return result.ok;
  return !result.ok && (REFUSALS[flag] as readonly string[]).includes(result.code);
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
    let refused = 0;
    let negatives = 0;
    for (const vector of vectors) {
      const expected = vector.expected[`EXPECTED${flag}`];
      if (typeof expected !== "boolean") continue;
      total += 1;
      if (!expected) negatives += 1;
      const key = `${vector.file} ${flag}`;
      const result = outcome(flag, vector);
      if (agrees(flag, expected, result)) {
        agree += 1;
        if (!expected) refused += 1;
      } else if (known.has(key)) seen.add(key);
      else unexpected.push(`${key}: expected ${expected}, got ${result.ok ? "pass" : result.code}`);
    }
    counts.push(`${flag} ${agree}/${total} (negative ${refused}/${negatives})`);
  }
  console.log(`# dgc-testdata: ${counts.join(" ")}`);
  assert.deepEqual(unexpected, [], "disagreements not listed in KNOWN-DIFFERENCES.md");
  assert.deepEqual(
    [...known].filter((key) => !seen.has(key)),
    [],
    "listed differences that no longer occur",
  );
});

test("the runner's agreement rule: a negative flag needs its own stage's code, never any exception", () => {
  assert.equal(agrees("VERIFY", false, { ok: false, code: "ERR_COSE_SIGNATURE" }), true);
  assert.equal(agrees("VERIFY", false, { ok: false, code: "unexpected TypeError" }), false);
  assert.equal(agrees("VERIFY", false, { ok: false, code: "ERR_HC1_BASE45" }), false, "another stage's code");
  assert.equal(agrees("SCHEMAVALIDATION", false, { ok: false, code: "ERR_CWT_CLAIMS" }), false, "the claims stage, not the schema");
  assert.equal(agrees("B45DECODE", false, { ok: false, code: MISMATCH }), false, "bytes that differ are no refusal");
  assert.equal(agrees("KEYUSAGE", false, { ok: true }), false);
  assert.equal(agrees("KEYUSAGE", true, { ok: false, code: "ERR_DSC_KEY_USAGE" }), false);
});
