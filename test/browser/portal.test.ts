// The border portal in a real headless Chromium (README, "Border portal"), against the real verifier service on an
// ephemeral port: the network gate, an agent's login, scans typed key by key as a laser reader types them (the
// group separator as the reader sends it, as a replacement text, and dropped) with Enter, the verdicts and their
// fields, the clear, logout, a wrong password, a locked identifier; accessibility (axe-core, WCAG 2.1 A/AA) on every
// page and verdict; the headers and the Content-Security-Policy; and afterwards, nothing about the traveller in the
// browser's storage, cache or history, nor in the service's logs. Documents: the specimen of src/specimen.ts
// (specimen identity, production key FR03/AV01) and documents signed here by a fresh key (invented identities).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trustListEntry } from "../../src/trust/dcc-trust-list.js";
import { convertAt, dsc } from "../support/verification-fixtures.js";
import { axeViolations, launchBrowser, type Page, type TestBrowser } from "../support/browser.js";
import { startPortalService, type PortalService } from "../support/portal-service.js";
import { SPECIMEN } from "../support/own-documents.js";
import { makeSealPki } from "../support/seal-pki.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_L1_MESSAGE } from "../support/twoddoc-fixtures.js";

const AGENT = "agent.dupont";
const PASSWORD = "correct horse battery staple";
const CLEAR_SECONDS = 2;
/** Inside travel-FR's windows for the specimen (last dose 2021-03-31, 2 of 2). */
const VALIDATION_TIME = "2021-12-20T10:00:00Z";
const IDENTITY = ["AZAY LE RIDEAU", "JEAN-PIERRE", "1952-08-04", "04081952", "SPECIMEN CAMILLE", "1980-02-03", "PORTALSEAL01"];

const forger = makeTestSigner({ caId: "FR03", certId: "AV01" });
const FORGED = sign2DDoc(header04({ caId: "FR03", certId: "AV01", type: "L1" }) + SPECIMEN_L1_MESSAGE, forger.privateKey);
// An ICAO VDS-NC test seal signed by a PKI made here (invented identity), sampled the day before VALIDATION_TIME.
const sealPki = makeSealPki();
const SEAL = sealPki.seal({
  hdr: { t: "icao.test", v: 1, is: "FRA" },
  msg: {
    utci: "PORTALSEAL01",
    pid: { n: "SPECIMEN CAMILLE", dob: "1980-02-03" },
    sp: { spn: "SI-DEP", ctr: "FRA" },
    dat: { sc: "2021-12-19T12:00:00+01:00", ri: "2021-12-19" },
    tr: { tc: "molecular(PCR)", r: "negative" },
  },
});
const dropped = (text: string) => text.replace(/[\x1d-\x1f]/g, "");

async function violations(page: Page, label: string): Promise<void> {
  const found = await axeViolations(page);
  assert.deepEqual(
    found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    [],
    label,
  );
}

async function logIn(page: Page, url: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/portal/`);
  await page.fill("#agent", AGENT);
  await page.fill("#password", password);
  await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
  await page.waitForLoadState("load");
}

/** Types like a laser reader in keyboard mode: one key event per character, then Enter. */
async function scan(page: Page, barcode: string): Promise<string> {
  await page.keyboard.type(barcode);
  await page.keyboard.press("Enter");
  const verdict = page.locator("#result .verdict");
  await verdict.waitFor();
  return (await page.locator("#result").getAttribute("class")) ?? "";
}

describe("border portal in Chromium", () => {
  let service: PortalService;
  let browser: TestBrowser;
  let hc1: string;
  let uvci: string;
  before(async () => {
    // The specimen converted by the converter's own pipeline, signed by a test DSC that the verifier's trust list holds.
    const trustDir = mkdtempSync(join(tmpdir(), "portal-trust-"));
    const trustList = join(trustDir, "trust-list.json");
    writeFileSync(trustList, JSON.stringify([trustListEntry(dsc.certificate)]));
    writeFileSync(join(trustDir, "csca.pem"), sealPki.csca.toString());
    ({ hc1, uvci } = await convertAt(SPECIMEN.raw, new Date("2021-12-01T09:00:00Z")));
    service = await startPortalService({
      allowed: "127.0.0.0/8",
      clearSeconds: CLEAR_SECONDS,
      validationTime: VALIDATION_TIME,
      env: { DCC_TRUST_LIST: trustList, ICAO_CSCA: join(trustDir, "csca.pem") },
    });
    await service.addAgent(AGENT, PASSWORD);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await service?.close();
  });

  it("the login page: labelled fields, strict headers, no accessibility violation", async () => {
    const response = await browser.page.goto(`${service.url}/portal/`);
    assert.equal(response?.status(), 200);
    const headers = response!.headers();
    assert.equal(headers["cache-control"], "no-store");
    const csp = headers["content-security-policy"] ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:|data:/);
    assert.equal(headers["referrer-policy"], "no-referrer");
    assert.equal(await browser.page.evaluate<string | undefined>("document.activeElement?.id"), "agent");
    await violations(browser.page, "login page");
  });

  it("a wrong password: refused, said in words, no session", async () => {
    await logIn(browser.page, service.url, "wrong password, sorry");
    await browser.page.locator("[role=alert]").waitFor();
    assert.match(
      await browser.page.locator("[role=alert]").innerText(),
      /Identifiant ou mot de passe incorrect.*Wrong identifier or password/s,
    );
    assert.equal((await browser.context.cookies()).length, 0);
    await violations(browser.page, "login page with an error");
  });

  it("log in: a new HttpOnly, SameSite=Strict session cookie; the scan field focused; no violation", async () => {
    await browser.context.addCookies([{ name: "dcc_portal_session", value: "planted-by-an-attacker", url: `${service.url}/portal/` }]);
    await logIn(browser.page, service.url);
    const [cookie] = await browser.context.cookies();
    assert.equal(cookie?.name, "dcc_portal_session");
    assert.notEqual(cookie?.value, "planted-by-an-attacker");
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, "Strict");
    assert.equal(await browser.page.evaluate<string | undefined>("document.activeElement?.id"), "barcode");
    await violations(browser.page, "scan page");
  });

  const forms: readonly (readonly [string, string])[] = [
    ["the separators as real characters", SPECIMEN.raw],
    ["the group separator dropped", SPECIMEN.raw.replaceAll("\x1d", "")],
    ["every separator dropped", dropped(SPECIMEN.raw)],
    ["the separators as <GS>/<US> replacement texts", SPECIMEN.raw.replaceAll("\x1d", "<GS>").replaceAll("\x1f", "<US>")],
  ];
  for (const [label, typed] of forms) {
    it(`a scan with ${label}: VALID, the reason in words, every field in French and English`, async () => {
      const page = browser.page;
      const historyBefore = await page.evaluate<number>("history.length");
      assert.match(await scan(page, typed), /verdict-valid/);
      const text = await page.locator("#result").innerText();
      assert.match(text, /VALIDE[\s\S]*VALID/);
      assert.match(text, /Toutes les vérifications sont passées[\s\S]*Every check passed/);
      for (const label of [
        "Nom(s) de famille",
        "Surname(s)",
        "Date de naissance",
        "Date of birth",
        "Médicament vaccinal",
        "Vaccine medicinal product",
      ]) {
        assert.ok(text.includes(label), label);
      }
      assert.ok(text.includes("AZAY LE RIDEAU") && text.includes("1952-08-04"));
      assert.equal(await page.inputValue("#barcode"), "", "the field is emptied");
      assert.equal(await page.evaluate<string | undefined>("document.activeElement?.id"), "barcode", "and focused again");
      assert.equal(await page.evaluate<number>("history.length"), historyBefore, "a scan adds no history entry");
      assert.equal(new URL(page.url()).pathname, "/portal/");
      await violations(page, `valid verdict (${label})`);
    });
  }

  it("a QR DCC (HC1:) scans the same way: VALID, with its UVCI", async () => {
    assert.match(await scan(browser.page, hc1), /verdict-valid/);
    const text = await browser.page.locator("#result").innerText();
    assert.match(text, /Identifiant unique du certificat[\s\S]*URN:UVCI:01:FR:/);
    assert.match(text, /Format[\s\S]*dcc/);
    await violations(browser.page, "valid verdict (HC1)");
  });

  it("an ICAO VDS-NC seal scans the same way: VALID, its fields in French and English", async () => {
    assert.match(await scan(browser.page, SEAL), /verdict-valid/);
    const text = await browser.page.locator("#result").innerText();
    for (const label of ["Nom(s) de famille", "Surname(s)", "Résultat du test", "Result of the test", "Date et heure du prélèvement"]) {
      assert.ok(text.includes(label), label);
    }
    assert.ok(text.includes("SPECIMEN CAMILLE") && text.includes("1980-02-03") && text.includes("PORTALSEAL01"));
    assert.match(text, /Format[\s\S]*icao/);
    await violations(browser.page, "valid verdict (seal)");
    const tampered = SEAL.replace("SPECIMEN CAMILLE", "SPECIMEN CAMILLA");
    assert.match(await scan(browser.page, tampered), /verdict-invalid/);
    assert.match(await browser.page.locator("#result").innerText(), /authentique[\s\S]*authentic/);
    assert.match(await scan(browser.page, SEAL.slice(0, 120)), /verdict-cut-short/);
  });

  it("a forged document: NOT VALID, the failing check named", async () => {
    assert.match(await scan(browser.page, FORGED), /verdict-invalid/);
    const text = await browser.page.locator("#result").innerText();
    assert.match(text, /NON VALIDE[\s\S]*NOT VALID/);
    assert.match(text, /signature/i);
    await violations(browser.page, "invalid verdict");
  });

  it("another rule set, picked by keyboard: the scan is judged by it and says so", async () => {
    const page = browser.page;
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate<string | undefined>("document.activeElement?.id"), "rule-set");
    await page.keyboard.press("Home"); // the first rule set: activity
    assert.equal(await page.inputValue("#rule-set"), "activity");
    await page.keyboard.press("Shift+Tab");
    assert.match(await scan(page, SPECIMEN.raw), /verdict-valid/);
    assert.match(await page.locator("#result").innerText(), /Règles appliquées[\s\S]*Rules applied[\s\S]*activity/);
    await page.selectOption("#rule-set", "travel-FR");
    await page.focus("#barcode");
  });

  it("a scan cut short and an unreadable one: said so, in amber", async () => {
    assert.match(await scan(browser.page, SPECIMEN.raw.slice(0, 80)), /verdict-cut-short/);
    assert.match(await browser.page.locator("#result").innerText(), /SCAN INCOMPLET[\s\S]*SCAN CUT SHORT/);
    await violations(browser.page, "cut-short verdict");
    assert.match(await scan(browser.page, "DC04 not a document"), /verdict-unreadable/);
    await violations(browser.page, "unreadable verdict");
  });

  it(`the result clears itself after PORTAL_CLEAR_SECONDS (${CLEAR_SECONDS} s) and at the next scan`, async () => {
    const page = browser.page;
    await scan(page, SPECIMEN.raw);
    await page.locator("#result .verdict").waitFor({ state: "detached" });
    assert.doesNotMatch(await page.locator("#result").innerText(), /AZAY/);
    await scan(page, SPECIMEN.raw);
    await page.keyboard.type("D");
    assert.equal(await page.locator("#result .verdict").count(), 0, "the first key of the next scan clears it");
    await page.fill("#barcode", "");
  });

  it("an inline script injected into the page does not run (CSP, Trusted Types)", async () => {
    const page = browser.page;
    // Run in the page as its own code would: an inline script element and markup with an inline handler, both
    // refused; the browser's violation report is awaited (inline scripts run as soon as they are inserted).
    const outcome = await page.evaluate<{ injected: boolean; violations: string[] }>(`new Promise((resolve) => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        violations.push(event.violatedDirective);
        resolve({ injected: globalThis.injected === true, violations });
      });
      const script = document.createElement("script");
      try { script.textContent = "globalThis.injected = true"; } catch { script.append(document.createTextNode("globalThis.injected = true")); }
      document.body.append(script);
      try { document.createElement("div").innerHTML = '<img src=x onerror="globalThis.injected = true">'; } catch { violations.push("trusted-types"); }
    })`);
    assert.equal(outcome.injected, false);
    assert.ok(outcome.violations.length > 0, "the browser reports the blocked script");
  });

  it("a state change from another origin is refused, even with the agent's cookie", async () => {
    const [cookie] = await browser.context.cookies();
    for (const path of ["/portal/scan", "/portal/logout", "/portal/login"]) {
      const response = await fetch(`${service.url}${path}`, {
        method: "POST",
        headers: {
          cookie: `dcc_portal_session=${cookie?.value}`,
          origin: "https://elsewhere.example",
          "sec-fetch-site": "cross-site",
          "content-type": "application/json",
        },
        body: JSON.stringify({ barcode: SPECIMEN.raw }),
      });
      assert.equal(response.status, 403, path);
      assert.equal(((await response.json()) as { code: string }).code, "ERR_PORTAL_ORIGIN");
    }
  });

  it("log out: back to the login page, the session ended", async () => {
    const page = browser.page;
    const [cookie] = await browser.context.cookies();
    await page.keyboard.press("Shift+Tab"); // from the scan field back to the logout button, which precedes it
    assert.equal(await page.evaluate<string | undefined>("document.activeElement?.closest('form')?.className"), "logout");
    await Promise.all([page.waitForURL(`${service.url}/portal/`), page.keyboard.press("Enter")]);
    await page.locator("#agent").waitFor();
    assert.equal((await browser.context.cookies()).length, 0);
    const response = await fetch(`${service.url}/portal/scan`, {
      method: "POST",
      headers: { cookie: `dcc_portal_session=${cookie?.value}`, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ barcode: SPECIMEN.raw }),
    });
    assert.equal(response.status, 401);
  });

  it("a locked identifier: after repeated failures even the right password is refused", async () => {
    const page = browser.page;
    for (let attempt = 0; attempt < 5; attempt += 1) await logIn(page, service.url, `wrong password ${attempt}`);
    assert.match(await page.locator("[role=alert]").innerText(), /bloqué[\s\S]*locked/);
    await logIn(page, service.url);
    assert.match(await page.locator("[role=alert]").innerText(), /bloqué[\s\S]*locked/);
    assert.equal((await browser.context.cookies()).length, 0);
  });

  it("afterwards: no storage, no service worker, nothing about the traveller in the profile's files", async () => {
    const page = browser.page;
    const kept = await page.evaluate(`(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      caches: (await caches.keys()).length,
    }))()`);
    assert.deepEqual(kept, { local: 0, session: 0, databases: 0, workers: 0, caches: 0 });
    await browser.context.close(); // flush the history and cache databases to disk
    const needles = [...IDENTITY, dropped(SPECIMEN.raw).slice(26, 60), "53QFM66P34HCD24I", hc1.slice(4, 40), uvci.slice(16, 40)];
    const files = filesUnder(browser.profile);
    assert.ok(
      files.some((file) => file.endsWith("/History")),
      "the profile's history database is among the files read",
    );
    for (const file of files) {
      const bytes = readFileSync(file).toString("latin1");
      for (const needle of needles) assert.ok(!bytes.includes(needle), `${needle} found in ${file.slice(browser.profile.length)}`);
    }
  });

  it("the logs: logins, logouts and each verification under border-portal; no password, name, birth date or barcode", () => {
    const lines = service.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(lines.some((l) => l["event"] === "login" && l["outcome"] === "success" && l["agent"] === AGENT));
    assert.ok(lines.some((l) => l["event"] === "logout" && l["agent"] === AGENT));
    assert.ok(lines.some((l) => l["event"] === "login" && l["outcome"] === "locked"));
    assert.ok(lines.some((l) => l["event"] === "verification" && l["channel"] === "border-portal" && l["decision"] === "valid"));
    const text = service.logs.join("\n");
    for (const needle of [PASSWORD, "wrong password", ...IDENTITY, "53QFM66P34HCD24I", "L0AZAY", hc1.slice(4, 40), uvci.slice(16, 40)]) {
      assert.ok(!text.includes(needle), needle);
    }
  });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("border portal: the network gate", () => {
  let service: PortalService;
  before(async () => {
    service = await startPortalService({ allowed: "10.20.0.0/16", clearSeconds: CLEAR_SECONDS, validationTime: VALIDATION_TIME });
  });
  after(async () => service?.close());

  it("an address outside PORTAL_ALLOWED_CIDRS gets 403 before any page, login or file", async () => {
    const browser = await launchBrowser();
    try {
      const response = await browser.page.goto(`${service.url}/portal/`);
      assert.equal(response?.status(), 403);
      assert.equal(await browser.page.locator("#agent").count(), 0);
    } finally {
      await browser.close();
    }
    for (const [method, path] of [
      ["GET", "/portal/assets/portal.js"],
      ["POST", "/portal/login"],
      ["POST", "/portal/scan"],
    ] as const) {
      const response = await fetch(`${service.url}${path}`, { method, headers: { "sec-fetch-site": "same-origin" } });
      assert.equal(response.status, 403, path);
      assert.equal(((await response.json()) as { code: string }).code, "ERR_PORTAL_ADDRESS");
    }
  });

  it("a forged X-Forwarded-For changes nothing when TRUST_PROXY trusts no proxy", async () => {
    const response = await fetch(`${service.url}/portal/`, { headers: { "x-forwarded-for": "10.20.1.1" } });
    assert.equal(response.status, 403);
  });
});

describe("border portal: a time at which no rule of the set is in force", () => {
  let service: PortalService;
  before(async () => {
    service = await startPortalService({ allowed: "127.0.0.0/8", clearSeconds: CLEAR_SECONDS, validationTime: "2026-01-05T10:00:00Z" });
    await service.addAgent(AGENT, PASSWORD);
  });
  after(async () => service?.close());

  it("UNDETERMINED in amber, with its reason in words; no accessibility violation", async () => {
    const browser = await launchBrowser();
    try {
      await logIn(browser.page, service.url);
      assert.match(await scan(browser.page, SPECIMEN.raw), /verdict-undetermined/);
      assert.match(await browser.page.locator("#result").innerText(), /INDÉTERMINÉ[\s\S]*UNDETERMINED/);
      await violations(browser.page, "undetermined verdict");
    } finally {
      await browser.close();
    }
  });
});
