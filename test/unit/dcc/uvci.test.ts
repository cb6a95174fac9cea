// UVCI (eHN UVCI guidelines, Annex 2): Luhn mod 38 vectors (eu-dcc-schema examples/Luhn-Mod-N), the format we issue, determinism and domain separation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { deriveUvci, isValidUvci, luhnMod38Check, randomUvci, uvciFromDigest } from "../../../src/dcc/uvci.js";

test("Luhn mod 38 check characters of the eHN UVCI guidelines (letters first, over the whole URN)", () => {
  assert.equal(luhnMod38Check("URN:UVCI:01:NL:187/37512422923"), "Z");
  assert.equal(luhnMod38Check("URN:UVCI:01:FR:476R6WUM8B9U"), "0");
  assert.equal(luhnMod38Check("URN:UVCI:01:FR:4CZ9TQD5838B"), "I");
  assert.equal(luhnMod38Check("URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813"), "B");
  assert.equal(luhnMod38Check("URN:UVCI:01:NL:MY/INPUT/STRING"), "H", "the code, not the docstring's digits-first S");
  assert.equal(luhnMod38Check("urn:uvci:01:fr:476r6wum8b9u"), "0", "computed over the upper-cased string");
  assert.throws(() => luhnMod38Check("URN:UVCI:01:FR:A#B"), TypeError);
});

test("isValidUvci: the UVCI grammar, length ≤ 80, and the check character when present", () => {
  assert.equal(isValidUvci("URN:UVCI:01:FR:476R6WUM8B9U#0"), true);
  assert.equal(isValidUvci("URN:UVCI:01:NL:187/37512422923#Z"), true);
  assert.equal(isValidUvci("URN:UVCI:01:NL:187/37512422923"), true, "the check is optional in the grammar");
  assert.equal(isValidUvci("URN:UVCI:01:FR:476R6WUM8B9U#1"), false, "wrong check");
  assert.equal(isValidUvci("URN:UVCI:V1:DE:476R6WUM8B9U"), false, "version 01 only");
  assert.equal(isValidUvci("dgci:V1:FR:476R6WUM8B9U"), false);
  assert.equal(isValidUvci("URN:UVCI:01:FR:A/B/C/D"), false, "at most ISSUER/VACCINE/OPAQUE");
  assert.equal(isValidUvci(`URN:UVCI:01:FR:${"A".repeat(66)}`), false, "81 characters");
});

test("uvciFromDigest: URN:UVCI:01:FR:<16 base32 chars of the first 80 bits>#<check>", () => {
  const digest = Buffer.from("00443214c74254b635cf84653a56d7c675be77df", "hex"); // RFC 4648 §10 style bytes
  const uvci = uvciFromDigest(digest);
  assert.match(uvci, /^URN:UVCI:01:FR:[A-Z2-7]{16}#[A-Z0-9/:]$/);
  assert.equal(uvci.slice(15, 31), "ABCDEFGHIJKLMNOP", "base32 of 00 44 32 14 c7 42 54 b6 35 cf");
  assert.equal(isValidUvci(uvci), true);
  assert.throws(() => uvciFromDigest(Buffer.alloc(9)), TypeError);
});

test("deriveUvci is deterministic per document and key, different across documents, domain-separated", async () => {
  const key = randomBytes(32);
  const seen: Buffer[] = [];
  const keyedHash = async (data: Buffer) => {
    seen.push(data);
    return createHmac("sha256", key).update(data).digest();
  };
  const document = Buffer.from("DC04FR000001…specimen data zone");
  const first = await deriveUvci(keyedHash, document);
  assert.equal(await deriveUvci(keyedHash, Buffer.from(document)), first);
  assert.notEqual(await deriveUvci(keyedHash, Buffer.from("DC04FR000001…other data zone")), first);
  assert.ok(seen[0]!.subarray(0, 22).equals(Buffer.from("dcc-converter uvci v1\0", "latin1")), "domain tag first");
  assert.ok(seen[0]!.subarray(22).equals(document));
  const otherKey = randomBytes(32);
  assert.notEqual(
    await deriveUvci(async (data) => createHmac("sha256", otherKey).update(data).digest(), document),
    first,
    "nobody without the key computes it",
  );
  assert.equal(isValidUvci(first), true);
});

test("randomUvci has the same format and does not repeat", () => {
  const ids = new Set(Array.from({ length: 1000 }, () => randomUvci()));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^URN:UVCI:01:FR:[A-Z2-7]{16}#[A-Z0-9/:]$/);
});
