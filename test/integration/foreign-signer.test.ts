// Regression: "foreign signer certificate" — with a TWODDOC_TRUST_BUNDLE wider than the French list, a
// document signed by a trusted but non-French signer (certificate subject C=DE) with an `FR` header was
// converted. Over the real service with such a bundle: refused 422 ERR_2DDOC_NOT_FRENCH, while a document
// of the French signer of the same bundle still converts.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestService, type TestService } from "../support/service.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_L1_MESSAGE } from "../support/twoddoc-fixtures.js";

const french = makeTestSigner({ caId: "FR99", certId: "TST9" });
const german = makeTestSigner({ caId: "DE01", certId: "TST1", country: "DE" });

describe("foreign signer certificate (real HTTP, real SoftHSM, a wider trust bundle)", () => {
  let service: TestService;
  before(async () => {
    const bundle = join(mkdtempSync(join(tmpdir(), "dcc-foreign-")), "trust.pem");
    writeFileSync(bundle, `${french.pem}\n${german.pem}`);
    service = await startTestService({ TWODDOC_TRUST_BUNDLE: bundle });
  });
  after(() => service.close());

  const convert = (document: string) =>
    fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document }),
    });

  test("a C=DE signer's document with an FR header is 422 ERR_2DDOC_NOT_FRENCH", async () => {
    const response = await convert(
      sign2DDoc(header04({ caId: "DE01", certId: "TST1", type: "L1" }) + SPECIMEN_L1_MESSAGE, german.privateKey),
    );
    const body = await response.text();
    assert.equal(response.status, 422, body);
    assert.equal((JSON.parse(body) as { code: string }).code, "ERR_2DDOC_NOT_FRENCH");
  });

  test("the French signer of the same bundle still converts", async () => {
    const response = await convert(sign2DDoc(header04({ type: "L1" }) + SPECIMEN_L1_MESSAGE, french.privateKey));
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { type: string }).type, "vaccination");
  });
});
