// The recorded security headers are exactly helmet's: same names, same values, on every response.
import { test } from "node:test";
import assert from "node:assert/strict";
import express from "express";
import helmet from "helmet";
import request from "supertest";
import { recordedHeaders, securityHeaders } from "../../../src/http/security-headers.js";

function appWith(middleware: express.RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get("/", (_req, res) => void res.json({ ok: true }));
  return app;
}

const withoutDate = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "date" && name !== "etag"));

test("securityHeaders() answers with exactly the headers helmet() sets", async () => {
  const expected = await request(appWith(helmet())).get("/");
  const actual = await request(appWith(securityHeaders())).get("/");
  assert.ok(Object.hasOwn(expected.headers, "content-security-policy"), "precondition: helmet sets a CSP");
  assert.deepEqual(withoutDate(actual.headers), withoutDate(expected.headers));
});

test("a removed header stays removed and a middleware that does not finish synchronously is refused", async () => {
  const removing = recordedHeaders((_req, res, next) => { res.setHeader("x-a", "1"); res.removeHeader("x-powered-by"); next(); });
  const answer = await request(appWith(removing)).get("/");
  assert.equal(answer.headers["x-a"], "1");
  assert.equal(answer.headers["x-powered-by"], undefined);
  assert.throws(() => recordedHeaders(() => undefined), TypeError);
});
