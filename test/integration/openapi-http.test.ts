// The API description over real HTTP: GET /openapi.json serves the document, GET /docs its page from our
// own assets (no script, nothing fetched elsewhere), and every operation the document lists is served
// by the app (not the catch-all 404). The answers themselves are checked by test/support/service.ts.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { OPENAPI_FILE } from "../../src/http/openapi/document.js";
import { startTestService, type TestService } from "../support/service.js";

describe("GET /openapi.json and /docs", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService();
  });
  after(() => service.close());

  test("/openapi.json is the OpenAPI 3.1 document of the repository", async () => {
    const response = await fetch(`${service.url}/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const served = (await response.json()) as { openapi: string };
    assert.deepEqual(served, JSON.parse(readFileSync(OPENAPI_FILE, "utf8")));
    assert.equal(served.openapi, "3.1.0");
  });

  test("/docs is an HTML page that loads nothing from elsewhere", async () => {
    const response = await fetch(`${service.url}/docs`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    const html = await response.text();
    assert.match(html, /<code>\/v1\/conversions<\/code>/);
    assert.doesNotMatch(html, /<script|<link|src="http/);
    // Nothing may load but the page's own style, by hash; no frame may hold it (no script, no form, no base).
    const policy = new Map(
      (response.headers.get("content-security-policy") ?? "").split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(" ")] as const;
      }),
    );
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
    assert.deepEqual(Object.fromEntries(policy), {
      "default-src": "'none'",
      "style-src": `'sha256-${createHash("sha256").update(style, "utf8").digest("base64")}'`,
      "base-uri": "'none'",
      "form-action": "'none'",
      "frame-ancestors": "'none'",
    });
    assert.equal((html.match(/<style>/g) ?? []).length, 1, "one style element, the one the hash admits");
    assert.doesNotMatch(html, / style="/, "no inline style attribute (the hash does not admit one)");
  });

  test("every operation of the document is served (no catch-all 404)", async () => {
    const document = JSON.parse(readFileSync(OPENAPI_FILE, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        const response = await fetch(`${service.url}${path}`, {
          method: method.toUpperCase(),
          headers: { "content-type": "application/json" },
          ...(method === "get" ? {} : { body: "{}" }),
        });
        const body = await response.text();
        const catchAll = response.status === 404 && /ERR_NOT_FOUND|"NOT_FOUND"/.test(body);
        assert.ok(!catchAll, `${method.toUpperCase()} ${path} is not served`);
      }
    }
  });
});
