// The HSM going away mid-run, on a TEMPORARY token (other test files use .softhsm/ concurrently).
// What really makes SoftHSM fail: moving its token directory away. The token objects' handles then fail
// (CKR_OBJECT_HANDLE_INVALID) and every reconnect fails until the directory is back. Operations use session
// copies of the keys (working-copy.ts), which SoftHSM keeps in memory, so it is the readiness probe — a
// signature with the token object itself, as /readyz makes — that sees the token gone; from then on every
// operation fails until it is back. (A real HSM that goes away fails its session objects at once too.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openKeyVault } from "../../src/hsm/key-vault.js";
import type { KeyVault } from "../../src/hsm/types.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-outage-"));
const tokens = join(dir, "tokens");
const away = join(dir, "tokens.away");
const digest = createHash("sha256").update("outage probe").digest();
const changes: boolean[] = [];
let vault: KeyVault;

before(async () => {
  vault = await openKeyVault({
    ...(await createTempToken(dir)),
    keyAgreementKeys: {},
    reconnectBackoff: { initialMs: 20, maxMs: 100 },
    onAvailabilityChange: (available) => changes.push(available),
  });
});

after(async () => {
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean): Promise<void> {
  // Not a timing assertion: polls until the state changes; the test runner's timeout is the bound.
  while (!condition()) await sleep(10);
}

test("signing works, then the token disappears: ERR_HSM_UNAVAILABLE and available false", async () => {
  assert.equal((await vault.signerFor("v").sign(digest)).length, 64);
  await vault.probe();
  renameSync(tokens, away);
  await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
  assert.equal(vault.available, false);
  await assert.rejects(vault.signerFor("v").sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
  await assert.rejects(vault.keyedHash(Buffer.from("x")), { code: "ERR_HSM_UNAVAILABLE" });
  await sleep(150); // let the background reconnect fail a few times while the token is away
  assert.equal(vault.available, false);
  await assert.rejects(vault.signerFor("t").sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
  assert.deepEqual(changes, [false]);
});

test("the token comes back: the same vault signs again without being reopened", async () => {
  renameSync(away, tokens);
  await waitFor(() => vault.available);
  assert.deepEqual(changes, [false, true]);
  const signatures = await Promise.all(["v", "t", "r"].map((type) => vault.signerFor(type as "v").sign(digest)));
  assert.deepEqual(signatures.map((s) => s.length), [64, 64, 64]);
  await vault.probe();
  assert.equal((await vault.keyedHash(Buffer.from("x"))).length, 32);
});

test("a call after the back-off reconnects by itself even before the timer fires", async () => {
  renameSync(tokens, away);
  await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
  renameSync(away, tokens);
  // The first reconnect after a failure may run at once: the next call rebuilds the connection itself.
  assert.equal((await vault.signerFor("r").sign(digest)).length, 64);
  assert.equal(vault.available, true);
});
