// The border portal over real HTTP, without a browser (docs/border-portal.md): the client address as TRUST_PROXY
// defines it, the origin of state changes, the session cookie's attributes, and the verifier's start refused in
// production when only one of the two portal variables is set (one line naming it, exit 2).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { clearSessionCookie, setSessionCookie } from "../../src/portal/session-cookie.js";
import { startPortalService, type PortalService } from "../support/portal-service.js";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));
const AGENT = "agent.martin";
const PASSWORD = "another long passphrase";

async function logIn(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}/portal/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ agent: AGENT, password: PASSWORD }).toString(),
  });
}

describe("portal behind a trusted proxy (TRUST_PROXY=127.0.0.1)", () => {
  let service: PortalService;
  before(async () => {
    service = await startPortalService({
      allowed: "10.20.0.0/16",
      clearSeconds: 60,
      validationTime: "2021-12-20T10:00:00Z",
      env: { TRUST_PROXY: "127.0.0.1" },
    });
    await service.addAgent(AGENT, PASSWORD);
  });
  after(async () => service?.close());

  it("the client the proxy names decides: inside the range 200, outside 403", async () => {
    assert.equal((await fetch(`${service.url}/portal/`, { headers: { "x-forwarded-for": "10.20.4.5" } })).status, 200);
    const outside = await fetch(`${service.url}/portal/`, { headers: { "x-forwarded-for": "10.21.4.5" } });
    assert.equal(outside.status, 403);
    assert.equal(((await outside.json()) as { code: string }).code, "ERR_PORTAL_ADDRESS");
    assert.equal(outside.headers.get("cache-control"), "no-store");
  });

  it("a login from the portal's own origin (Sec-Fetch-Site or Origin) is taken; from another, refused", async () => {
    const inside = { "x-forwarded-for": "10.20.4.5" };
    const fetchMetadata = await logIn(service.url, { ...inside, "sec-fetch-site": "same-origin" });
    assert.equal(fetchMetadata.status, 303);
    const origin = await logIn(service.url, { ...inside, origin: service.url });
    assert.equal(origin.status, 303);
    for (const headers of [{ origin: "http://elsewhere.example" }, { "sec-fetch-site": "same-site" }, {}]) {
      const refused = await logIn(service.url, { ...inside, ...headers });
      assert.equal(refused.status, 403, JSON.stringify(headers));
      assert.equal(((await refused.json()) as { code: string }).code, "ERR_PORTAL_ORIGIN");
      assert.equal(refused.headers.get("set-cookie"), null);
    }
  });

  it("each login a new session id, in an HttpOnly, SameSite=Strict cookie on /portal/ (not Secure outside production)", async () => {
    const headers = { "x-forwarded-for": "10.20.4.5", "sec-fetch-site": "same-origin" };
    const cookies = [await logIn(service.url, headers), await logIn(service.url, headers)].map((r) => r.headers.get("set-cookie") ?? "");
    for (const cookie of cookies) assert.match(cookie, /^dcc_portal_session=[\w-]{43}; Path=\/portal\/; HttpOnly; SameSite=Strict$/);
    assert.notEqual(cookies[0], cookies[1]);
  });
});

describe("portal session cookie in production", () => {
  it("is Secure; logout's clearing cookie too", () => {
    const headers: string[] = [];
    const res = { append: (_name: string, value: string) => headers.push(value) } as unknown as Parameters<typeof setSessionCookie>[0];
    setSessionCookie(res, "id", true);
    clearSessionCookie(res, true);
    assert.deepEqual(headers, [
      "dcc_portal_session=id; Path=/portal/; HttpOnly; SameSite=Strict; Secure",
      "dcc_portal_session=; Path=/portal/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
    ]);
  });
});

describe("verifier start in production with half a portal configuration", () => {
  it("refuses, with one line naming the missing variable, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-refused-"));
    const agents = join(dir, "agents");
    writeFileSync(agents, "");
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [BIN, "verifier"], {
        env: { ...process.env, NODE_ENV: "production", PORT: "0", OPS_PORT: "0", ...env },
        encoding: "utf8",
        timeout: 30_000,
      });
    const withoutCidrs = run({ PORTAL_AGENTS_FILE: agents });
    assert.equal(withoutCidrs.status, 2);
    assert.match(withoutCidrs.stderr, /^dcc-converter verifier: configuration error: .*PORTAL_ALLOWED_CIDRS.* missing or invalid\n$/);
    const withoutAgents = run({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/8" });
    assert.equal(withoutAgents.status, 2);
    assert.match(withoutAgents.stderr, /PORTAL_AGENTS_FILE/);
    assert.doesNotMatch(withoutAgents.stderr, /10\.0\.0\.0/);
  });
});
