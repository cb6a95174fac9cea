import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { decodeBase32 } from "../../../src/twoddoc/base32.js";
import { encodeBase32 } from "../../support/twoddoc-fixtures.js";

describe("decodeBase32 (RFC 4648 §6, strict)", () => {
  it("decodes the RFC 4648 test vectors, padded or not", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(decodeBase32(encoded)?.toString("latin1"), plain, encoded);
      const padded = encoded.padEnd(Math.ceil(encoded.length / 8) * 8, "=");
      assert.equal(decodeBase32(padded)?.toString("latin1"), plain, padded);
    }
  });
  it("round-trips 64-byte signatures as 103 characters", () => {
    for (let i = 0; i < 50; i += 1) {
      const bytes = randomBytes(64);
      const encoded = encodeBase32(bytes);
      assert.equal(encoded.length, 103);
      assert.deepEqual(decodeBase32(encoded), bytes);
    }
  });
  it("refuses characters outside A–Z 2–7 (lower case, 0, 1, 8, 9, space)", () => {
    for (const text of ["mzxw6", "MZXW0", "MZXW1", "MZXW8", "MZXW9", "MZX W6", "MZXW6\x1d"])
      assert.equal(decodeBase32(text), undefined, text);
  });
  it("refuses impossible lengths and misplaced or excess padding", () => {
    for (const text of ["M", "MZX", "MZXW6Y", "MY=", "MY==", "MY=======", "M=======", "MZXW6YTBOI=======", "MY==MY==", "=MY"])
      assert.equal(decodeBase32(text), undefined, text);
  });
  it("refuses non-zero leftover bits (one spelling per value)", () => {
    assert.deepEqual(decodeBase32("MY"), Buffer.from("f"));
    assert.equal(decodeBase32("MZ"), undefined);
  });
});
