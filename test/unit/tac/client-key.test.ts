// Strict validation of the app's ephemeral key (docs/tousanticovid.md): every malformed key is ERR_TAC_CLIENT_KEY.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, createECDH } from "node:crypto";
import { parseClientKey } from "../../../src/tac/client-key.js";

const P256_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex");
const refused = { code: "ERR_TAC_CLIENT_KEY" };

function p256Spki(): Buffer {
  return generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "der" });
}

test("a P-256 SPKI gives its 65-byte uncompressed point", () => {
  const spki = p256Spki();
  const point = parseClientKey(spki.toString("base64"));
  assert.equal(point.length, 65);
  assert.deepEqual(point, spki.subarray(-65));
});

test("a '+' turned into a space by query decoding is restored", () => {
  let spki = p256Spki();
  while (!spki.toString("base64").includes("+")) spki = p256Spki();
  const withSpaces = spki.toString("base64").replaceAll("+", " ");
  assert.deepEqual(parseClientKey(withSpaces), spki.subarray(-65));
});

test("a point that is not on the curve is refused", () => {
  const spki = Buffer.from(p256Spki());
  spki[spki.length - 1] = (spki[spki.length - 1] ?? 0) ^ 0x01;
  assert.throws(() => parseClientKey(spki.toString("base64")), refused);
});

test("the point at infinity and an all-zero point are refused", () => {
  assert.throws(() => parseClientKey(Buffer.concat([P256_PREFIX, Buffer.from([0x04]), Buffer.alloc(64)]).toString("base64")), refused);
});

test("a compressed point, in a well-formed SPKI, is refused", () => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const compressed = ecdh.getPublicKey(undefined, "compressed");
  const spki = Buffer.concat([Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex"), compressed]);
  assert.throws(() => parseClientKey(spki.toString("base64")), refused);
});

test("other curves and other key types are refused", () => {
  for (const [type, options] of [
    ["ec", { namedCurve: "P-384" }],
    ["ec", { namedCurve: "secp256k1" }],
    ["ed25519", {}],
    ["x25519", {}],
  ] as const) {
    const spki = generateKeyPairSync(type as "ec", options as { namedCurve: string }).publicKey.export({ type: "spki", format: "der" });
    assert.throws(() => parseClientKey(spki.toString("base64")), refused, `${type} ${JSON.stringify(options)}`);
  }
});

test("wrong sizes, trailing bytes, a bare point and non-base64 text are refused", () => {
  const spki = p256Spki();
  const cases = [
    Buffer.concat([spki, Buffer.from([0])]).toString("base64"),
    spki.subarray(0, spki.length - 1).toString("base64"),
    spki.subarray(-65).toString("base64"),
    spki.toString("base64url"),
    `${spki.toString("base64")}\n`,
    spki.toString("base64").replaceAll("=", ""),
    spki.toString("hex"),
    "",
    "A".repeat(1000),
  ];
  for (const value of cases) assert.throws(() => parseClientKey(value), refused);
  for (const value of [undefined, ["a", "b"], 42, {}]) assert.throws(() => parseClientKey(value), refused);
});

test("the error names the parameter and never echoes the key", () => {
  const value = Buffer.concat([p256Spki(), Buffer.from([0])]).toString("base64");
  assert.throws(
    () => parseClientKey(value),
    (error: Error & { field?: string }) => {
      assert.equal(error.field, "publicKey");
      assert.ok(!error.message.includes(value.slice(0, 20)));
      return true;
    },
  );
});
