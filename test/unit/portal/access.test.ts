// The portal's access parts, each on its own: configuration (off unless both variables; production names the
// missing one), the allowed networks, password hashes, the agents file, sessions and the failed-login guard.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPortalConfig } from "../../../src/portal/portal-config.js";
import { parseAllowedAddresses } from "../../../src/portal/allowed-addresses.js";
import { checkPassword, DECOY_HASH, hashPassword } from "../../../src/portal/password-hash.js";
import { readAgents, writeAgent } from "../../../src/portal/agents-file.js";
import { createSessionStore } from "../../../src/portal/sessions.js";
import { createLoginGuard, LOCK_SECONDS, MAX_FAILURES } from "../../../src/portal/login-guard.js";

const dir = mkdtempSync(join(tmpdir(), "portal-unit-"));
const agentsFile = join(dir, "agents");
writeFileSync(agentsFile, "");

describe("portal configuration", () => {
  it("is off when neither variable is set", () => {
    assert.deepEqual(loadPortalConfig({}, true), { portal: undefined, reason: undefined });
  });
  it("production refuses one without the other, naming the missing variable", () => {
    assert.throws(() => loadPortalConfig({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/8" }, true), {
      code: "ERR_CONFIG",
      field: "PORTAL_AGENTS_FILE",
    });
    assert.throws(() => loadPortalConfig({ PORTAL_AGENTS_FILE: agentsFile }, true), { code: "ERR_CONFIG", field: "PORTAL_ALLOWED_CIDRS" });
  });
  it("development starts with the portal off and says which variable is missing", () => {
    assert.deepEqual(loadPortalConfig({ PORTAL_AGENTS_FILE: agentsFile }, false), {
      portal: undefined,
      reason: "PORTAL_ALLOWED_CIDRS is not set",
    });
  });
  it("refuses a wrong network, a missing agents file and a wrong clear delay", () => {
    assert.throws(() => loadPortalConfig({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/33", PORTAL_AGENTS_FILE: agentsFile }, true), {
      field: "PORTAL_ALLOWED_CIDRS",
    });
    assert.throws(() => loadPortalConfig({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/8", PORTAL_AGENTS_FILE: join(dir, "none") }, true), {
      field: "PORTAL_AGENTS_FILE",
    });
    const env = { PORTAL_ALLOWED_CIDRS: "10.0.0.0/8", PORTAL_AGENTS_FILE: agentsFile, PORTAL_CLEAR_SECONDS: "soon" };
    assert.throws(() => loadPortalConfig(env, true), { field: "PORTAL_CLEAR_SECONDS" });
  });
  it("both set: on, travel-FR by default, clear after 60 s, Secure cookie in production", () => {
    const { portal } = loadPortalConfig({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/8", PORTAL_AGENTS_FILE: agentsFile }, true);
    assert.equal(portal?.defaultRuleSet, "travel-FR");
    assert.equal(portal?.clearSeconds, 60);
    assert.equal(portal?.secureCookie, true);
    assert.equal(
      loadPortalConfig({ PORTAL_ALLOWED_CIDRS: "10.0.0.0/8", PORTAL_AGENTS_FILE: agentsFile }, false).portal?.secureCookie,
      false,
    );
  });
});

describe("allowed networks", () => {
  const allowed = parseAllowedAddresses("10.20.0.0/16, 192.0.2.7, 2001:db8:1::/48")!;
  it("lets in addresses of the listed networks, IPv4-mapped IPv6 as its IPv4 address", () => {
    for (const address of ["10.20.3.4", "192.0.2.7", "::ffff:10.20.9.9", "2001:db8:1:2::5"])
      assert.equal(allowed.allows(address), true, address);
  });
  it("keeps out every other address, and an unknown one", () => {
    for (const address of ["10.21.0.1", "192.0.2.8", "127.0.0.1", "::1", "2001:db8:2::1", "not an address", undefined]) {
      assert.equal(allowed.allows(address), false, String(address));
    }
  });
  it("refuses a list with a malformed entry, or an empty list", () => {
    for (const text of ["10.0.0.0/8,nope", "10.0.0.0/8/1", "::/129", " , "]) assert.equal(parseAllowedAddresses(text), undefined, text);
  });
});

describe("passwords and the agents file", () => {
  it("scrypt: the right password matches, another does not, the decoy never does", async () => {
    const hash = await hashPassword("correct horse battery staple");
    assert.match(hash, /^\$scrypt\$ln=15,r=8,p=1\$/);
    assert.equal(await checkPassword("correct horse battery staple", hash), true);
    assert.equal(await checkPassword("correct horse battery stapler", hash), false);
    assert.equal(await checkPassword("", DECOY_HASH), false);
  });
  it("adds and resets an agent, readable by its owner only; a broken file is refused", async () => {
    const file = join(dir, "agents-write");
    assert.equal(writeAgent(file, "agent.one", await hashPassword("first password!")), "added");
    assert.equal(writeAgent(file, "agent.two", await hashPassword("second password")), "added");
    assert.equal(writeAgent(file, "agent.one", await hashPassword("a new password!")), "reset");
    const agents = readAgents(file);
    assert.deepEqual([...agents.keys()], ["agent.one", "agent.two"]);
    assert.equal(await checkPassword("a new password!", agents.get("agent.one")!), true);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    writeFileSync(file, `${readFileSync(file, "utf8")}agent.three:plaintext\n`);
    assert.throws(() => readAgents(file), { code: "ERR_CONFIG", field: "PORTAL_AGENTS_FILE line 3" });
  });
});

describe("sessions", () => {
  it("a new random id at each login; idle and absolute lifetimes; logout ends it", () => {
    let now = 0;
    const sessions = createSessionStore({ idleSeconds: 60, absoluteSeconds: 300 }, () => now);
    const first = sessions.create("agent.one");
    const second = sessions.create("agent.one");
    assert.notEqual(first.id, second.id);
    assert.match(first.id, /^[\w-]{43}$/);
    now = 59_000;
    assert.equal(sessions.touch(first.id)?.agent, "agent.one");
    now = 110_000;
    assert.equal(sessions.touch(second.id), undefined, "idle for more than 60 s");
    for (now = 110_000; now <= 300_000; now += 50_000) assert.ok(sessions.touch(first.id));
    now = 300_001;
    assert.equal(sessions.touch(first.id), undefined, "older than 300 s");
    const third = sessions.create("agent.two");
    assert.equal(sessions.end(third.id)?.agent, "agent.two");
    assert.equal(sessions.touch(third.id), undefined);
  });
});

describe("failed logins", () => {
  it(`lock an identifier, known or not, for ${LOCK_SECONDS / 60} minutes after ${MAX_FAILURES} failures`, () => {
    let now = 0;
    const guard = createLoginGuard(() => now, 100);
    for (let i = 1; i < MAX_FAILURES; i += 1) guard.fail("agent.one", `192.0.2.${i}`);
    assert.equal(guard.lockedFor("agent.one"), 0);
    guard.fail("agent.one", "192.0.2.99");
    assert.equal(guard.lockedFor("agent.one"), LOCK_SECONDS);
    assert.ok(LOCK_SECONDS >= 300 && MAX_FAILURES <= 10);
    now = (LOCK_SECONDS - 1) * 1000;
    assert.equal(guard.lockedFor("agent.one"), 1);
    now = LOCK_SECONDS * 1000;
    assert.equal(guard.lockedFor("agent.one"), 0);
    assert.equal(guard.lockedFor("nobody"), 0);
  });
  it("slow an address that keeps failing, whatever identifier it tries; a success clears the identifier's count", () => {
    const guard = createLoginGuard(() => 0, 100);
    const delays = ["a", "b", "c", "d", "e", "f"].map((agent) => guard.fail(agent, "192.0.2.1"));
    assert.deepEqual(delays, [0, 0, 0, 100, 200, 400]);
    assert.equal(guard.fail("g", "192.0.2.2"), 0, "another address is not slowed");
    for (let i = 1; i < MAX_FAILURES; i += 1) guard.fail("h", "192.0.2.3");
    guard.succeed("h");
    guard.fail("h", "192.0.2.3");
    assert.equal(guard.lockedFor("h"), 0);
  });
});
