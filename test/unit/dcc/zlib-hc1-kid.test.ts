// zlib (RFC 1950; hcert §4.2.1), the HC1: prefix (hcert §4.2.2) and the kid (hcert §3.3.2, §A.1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { unzlibSync } from "fflate";
import { compress, decompress } from "../../../src/dcc/zlib.js";
import { addPrefix, removePrefix } from "../../../src/dcc/hc1.js";
import { computeKid } from "../../../src/dcc/kid.js";
import { makeTestSigner } from "../../support/test-signer.js";

test("zlib round trip with an RFC 1950 header at level 9 (78 DA)", () => {
  const data = Buffer.concat([randomBytes(200), Buffer.alloc(200, 0x41)]);
  const compressed = compress(data);
  assert.equal(compressed.subarray(0, 2).toString("hex"), "78da");
  assert.ok(decompress(compressed).equals(data));
});

test("an output larger than zlib's output buffer comes out whole, the same bytes as with node's default buffer", () => {
  const data = randomBytes(10_000); // incompressible: about 10 kB out, several 2 KiB buffers
  const compressed = compress(data);
  assert.ok(compressed.length > 4096);
  assert.ok(compressed.equals(deflateSync(data, { level: 9 })));
  assert.ok(decompress(compressed).equals(data));
});

test("uncompressed, broken and oversized streams are ERR_HC1_ZLIB", () => {
  const data = Buffer.from("d28443a10126a0", "hex");
  assert.throws(() => decompress(data), { code: "ERR_HC1_ZLIB" }); // common Z2: not compressed
  const broken = compress(randomBytes(100));
  broken[broken.length - 1] = broken[broken.length - 1]! ^ 0xff; // Adler-32 wrong (common Z1)
  assert.throws(() => decompress(broken), { code: "ERR_HC1_ZLIB" });
  assert.throws(() => decompress(compress(Buffer.alloc(100_000))), { code: "ERR_HC1_ZLIB" });
});

test("only HC1: is accepted as context identifier; the rest is kept byte for byte", () => {
  assert.equal(removePrefix(addPrefix("6BF 9")), "6BF 9");
  for (const bad of ["HL0:6BF", "HC2:6BF", "6BF", "hc1:6BF", "HCFR1:6BF"]) {
    assert.throws(() => removePrefix(bad), { code: "ERR_HC1_PREFIX" }, bad);
  }
});

test("kid = first 8 bytes of SHA-256 over the whole DSC DER", () => {
  const { certificate, signer } = makeTestSigner();
  const expected = createHash("sha256").update(certificate.raw).digest().subarray(0, 8);
  assert.ok(computeKid(certificate).equals(expected));
  assert.ok(computeKid(certificate.raw).equals(expected));
  assert.ok(signer.kid.equals(expected));
});

test("a compressed COSE carries a header the EU verifier apps inflate (78 01, 5E, 9C or DA) and an independent inflater reads it", () => {
  // The EU DCC verifier apps check these two bytes before inflating (BENCHMARKS.md, "zlib: the level that pays");
  // fflate is an inflater of its own, as the JavaScript verifiers use (not node's zlib).
  for (const size of [300, 345, 870]) {
    const cose = Buffer.concat([Buffer.from("d2844da2012604", "hex"), randomBytes(size - 71), Buffer.alloc(64, 0x5a)]);
    const compressed = compress(cose);
    assert.equal(compressed[0], 0x78);
    assert.ok([0x01, 0x5e, 0x9c, 0xda].includes(compressed[1]!));
    assert.ok(Buffer.from(unzlibSync(compressed)).equals(cose));
  }
});
