// A seal's QR code (src/print/qr-code.ts, src/print/qr-image.ts): byte mode at ECC level M, and a scanner (zxing)
// reads back exactly the seal text, braces, quotes, lower case and all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderQr } from "../../../src/print/qr-image.js";
import { readQrImage } from "../../support/read-pdf.js";

const SEAL = JSON.stringify({
  data: { hdr: { is: "FRA", t: "icao.vacc", v: 1 }, msg: { pid: { dob: "1970-01-01", n: "SPECIMEN MARIE" }, uvci: "0A1B2C3D4E5F" } },
  sig: { alg: "ES256", cer: "MIIB_-x".repeat(90), sigvl: "q-_w".repeat(21) },
});

test("the PNG of a seal decodes to exactly the seal text, at ECC level M", async () => {
  const [code, ...others] = await readQrImage(new Uint8Array(renderQr(SEAL, "image/png", "seal")));
  assert.equal(others.length, 0);
  assert.equal(code?.text, SEAL);
  assert.equal(code?.ecLevel, "M");
});
