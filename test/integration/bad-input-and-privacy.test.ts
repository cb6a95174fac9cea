// Bad input never gets a 5xx, never echoes a value, changes nothing (the service converts afterwards);
// and no content of any request reaches a log line, a metric or an error body.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ErrorCode } from "../../src/errors.js";
import { HTTP_STATUS } from "../../src/errors.js";
import { startTestService, type TestService } from "../support/service.js";
import { encodings } from "../support/samples.js";
import { makeOwnDocuments } from "../support/own-documents.js";

describe("bad input and privacy over real HTTP", () => {
  let service: TestService;
  const own = makeOwnDocuments();
  const bodies: string[] = [];
  const secrets: string[] = [];
  const send = async (body: string | Uint8Array, contentType = "application/json") => {
    const response = await fetch(`${service.url}/v1/conversions`, { method: "POST", headers: { "content-type": contentType }, body });
    const text = await response.text();
    if (response.status !== 200) bodies.push(text); // a success body is the DCC itself, sent to its owner
    return { status: response.status, text, contentType: response.headers.get("content-type") ?? "" };
  };
  const expectProblem = async (body: string | Uint8Array, status: number, code: string, contentType?: string) => {
    const answer = await send(body, contentType);
    assert.equal(answer.status, status, `${answer.text}`);
    assert.match(answer.contentType, /^application\/problem\+json/);
    const problem = JSON.parse(answer.text) as { code: string };
    assert.equal(problem.code, code);
  };

  before(async () => {
    service = await startTestService({ TWODDOC_TRUST_BUNDLE: own.trustBundle });
  });
  after(() => service.close());

  test("envelope errors: content type, JSON, field types, size, unknown route", async () => {
    await expectProblem("document=x", 415, "ERR_REQUEST_CONTENT_TYPE", "application/x-www-form-urlencoded");
    await expectProblem("{not json", 400, "ERR_REQUEST_MALFORMED");
    await expectProblem(JSON.stringify({ document: 42 }), 400, "ERR_REQUEST_MALFORMED");
    await expectProblem(JSON.stringify({ document: "" }), 400, "ERR_REQUEST_MALFORMED");
    await expectProblem(JSON.stringify(["DC04"]), 400, "ERR_REQUEST_MALFORMED");
    await expectProblem(JSON.stringify({ doc: "DC04" }), 400, "ERR_REQUEST_MALFORMED");
    await expectProblem(JSON.stringify({ document: "D".repeat(17 * 1024) }), 413, "ERR_REQUEST_TOO_LARGE");
    const notFound = await fetch(`${service.url}/v1/nothing-here`);
    assert.equal(notFound.status, 404);
    assert.equal(((await notFound.json()) as { code: string }).code, "ERR_NOT_FOUND");
  });

  test("undecodable documents are 400 with their code, refused ones 422", async () => {
    const valid = own.convertible[0].raw;
    await expectProblem(JSON.stringify({ document: "   " }), 400, "ERR_2DDOC_EMPTY");
    await expectProblem(JSON.stringify({ document: "XX04FR03AV011E6A1E6AL101FR" }), 400, "ERR_2DDOC_MARKER");
    await expectProblem(JSON.stringify({ document: "DC04FR03" }), 400, "ERR_2DDOC_HEADER");
    await expectProblem(JSON.stringify({ document: valid.slice(0, valid.indexOf("\x1f")) }), 400, "ERR_2DDOC_NO_SIGNATURE");
    await expectProblem(
      JSON.stringify({ document: `${valid.slice(0, valid.indexOf("\x1f") + 1)}not-base32!` }),
      400,
      "ERR_2DDOC_SIGNATURE_ENCODING",
    );
    await expectProblem(JSON.stringify({ document: valid.replace("AZAY", "AZAZ") }), 422, "ERR_2DDOC_SIGNATURE");
    await expectProblem(JSON.stringify({ document: valid.replace("FR03AV01", "FR03ZZ99") }), 422, "ERR_2DDOC_UNKNOWN_SIGNER");
  });

  test("thousands of mutated documents get only 4xx problem+json, then a valid document still converts", async () => {
    const seeds = own.convertible.map((document) => document.raw);
    const mutation = fc.tuple(
      fc.constantFrom(...seeds),
      fc.nat(),
      fc.integer({ min: 0, max: 127 }),
      fc.constantFrom("flip", "insert", "delete", "truncate"),
    );
    const cases = fc.sample(mutation, { numRuns: 2000, seed: 20211128 });
    const statuses = new Map<number, number>();
    for (const [seed, at, char, kind] of cases) {
      const i = at % seed.length;
      const c = String.fromCharCode(char);
      const document =
        kind === "flip"
          ? seed.slice(0, i) + c + seed.slice(i + 1)
          : kind === "insert"
            ? seed.slice(0, i) + c + seed.slice(i)
            : kind === "delete"
              ? seed.slice(0, i) + seed.slice(i + 1)
              : seed.slice(0, i);
      const answer = await send(JSON.stringify({ document }));
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      assert.ok(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `status ${answer.status} for a ${kind} mutation`);
      if (answer.status !== 200) {
        // Each refusal is a code of the one table, with the status that table gives it.
        assert.match(answer.contentType, /^application\/problem\+json/);
        const { code } = JSON.parse(answer.text) as { code: ErrorCode };
        assert.ok(Object.hasOwn(HTTP_STATUS, code), `unknown code for a ${kind} mutation`);
        assert.equal(answer.status, HTTP_STATUS[code], code);
      }
    }
    assert.ok((statuses.get(422) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0, JSON.stringify([...statuses]));
    const after = await send(JSON.stringify({ document: seeds[0]! }));
    assert.equal(after.status, 200);
  });

  test("no name, birth date, document, HC1 fragment or UVCI in logs, metrics or error bodies", async () => {
    for (const fixture of [...own.convertible, own.refused]) {
      for (const document of Object.values(encodings(fixture.raw))) {
        const answer = await send(JSON.stringify({ document }));
        if (answer.status === 200) {
          const body = JSON.parse(answer.text) as { dcc: string; uvci: string };
          // (The first characters of every HC1 are the shared zlib and COSE headers: not content.)
          secrets.push(body.dcc.slice(60, 100), body.dcc.slice(-30), body.uvci, body.uvci.slice(15, 31));
        }
      }
      const fields = fixture.fields;
      for (const di of ["L0", "L1", "F0", "F1"]) if ((fields[di] ?? "").length >= 3) secrets.push(fields[di]!);
      for (const di of ["L2", "F2", "L9", "F6"]) if (fields[di] !== undefined) secrets.push(fields[di]);
      secrets.push(fixture.raw.slice(26, 60), fixture.raw.slice(-40));
    }
    // A refused request with a recognisable payload must not be echoed either.
    await send(JSON.stringify({ document: "DC04FR03AV01ZZZZ-SECRET-MARKER-VALUE" }));
    secrets.push("SECRET-MARKER-VALUE");
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    const haystacks = { logs: service.logs.join("\n"), metrics, errorBodies: bodies.join("\n") };
    assert.ok(service.logs.length > 100, "logs were captured");
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${where} contains request content: ${JSON.stringify(secret)}`);
    }
    // The log lines carry only the allow-listed fields.
    const allowed = new Set([
      "level",
      "time",
      "pid",
      "hostname",
      "service",
      "msg",
      "requestId",
      "route",
      "method",
      "status",
      "code",
      "documentType",
      "durationMs",
      "event",
      "url",
      "tablesVersion",
      "signers",
      "err",
      "signal",
      "opsUrl",
      "listener",
      "delaySeconds",
      "drainSeconds",
    ]);
    for (const line of service.logs) {
      for (const key of Object.keys(JSON.parse(line) as object)) assert.ok(allowed.has(key), `unexpected log field ${key}`);
    }
  });
});
