// The vault thread (key-vault.ts → vault-thread.ts) on a TEMPORARY SoftHSM token of its own: signers built on the
// main thread from the certificates, the same codes and fields across the thread, outages and a dead thread
// survived by the one link, the upload signer, and a closed vault lets the process exit.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createECDH, createHash, verify, X509Certificate } from "node:crypto";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { rawToDer } from "../../src/crypto/ecdsa-signature.js";
import { ConfigError, HsmError, RequestError } from "../../src/errors.js";
import { devKeyUri } from "../../src/cli/hsm-init/dev-files.js";
import { openKeyVault, startVaultThread } from "../../src/hsm/key-vault.js";
import type { KeyVaultOptions } from "../../src/hsm/key-vault.js";
import { recordingStarter } from "../support/recording-starter.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-vault-thread-"));
const confPath = join(dir, "softhsm2.conf");
const digest = createHash("sha256").update("remote vault probe").digest();
let options: KeyVaultOptions;

before(async () => {
  options = await createTempToken(dir);
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(condition: () => boolean): Promise<void> {
  // Not a timing assertion: polls until the state changes; the test runner's timeout is the bound.
  while (!condition()) await sleep(10);
}

test("signatures made in the vault thread verify with each DSC certificate; signers are rebuilt faithfully", async () => {
  const expected = options.signers.map((s) => {
    const certificate = new X509Certificate(s.certificatePem);
    const kid = createHash("sha256").update(certificate.raw).digest().subarray(0, 8);
    return { kid, types: s.types, raw: certificate.raw, notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
  });
  const vault = await openKeyVault({ ...options, softhsmConf: confPath });
  try {
    assert.equal(vault.available, true);
    assert.deepEqual(vault.signers.map((s) => ({ kid: s.kid, types: s.types, raw: s.certificate.raw, notBefore: s.notBefore, notAfter: s.notAfter })), expected);
    for (const type of ["v", "t", "r"] as const) {
      const signer = vault.signerFor(type);
      const messages = Array.from({ length: 16 }, (_, i) => Buffer.from(`Sig_structure stand-in ${type} ${i}`));
      const signatures = await Promise.all(messages.map((m) => signer.sign(createHash("sha256").update(m).digest())));
      signatures.forEach((raw, i) => {
        assert.equal(raw.length, 64);
        assert.equal(verify("sha256", messages[i] as Buffer, signer.certificate.publicKey, rawToDer(raw)), true);
      });
    }
    assert.throws(() => vault.signerFor("v").sign(Buffer.alloc(31)), TypeError);
    await vault.probe();
  } finally {
    await vault.close();
  }
});

test("PKCS11_CALLS=threadpool (C_SignAsync) signs and hashes as inline does: same keyed hash, signatures that verify", async () => {
  const inline = await openKeyVault({ ...options, softhsmConf: confPath, calls: "inline" });
  const expected = await inline.keyedHash(Buffer.from("one document"));
  await inline.close();
  const vault = await openKeyVault({ ...options, softhsmConf: confPath, calls: "threadpool" });
  try {
    assert.deepEqual(await vault.keyedHash(Buffer.from("one document")), expected);
    const signer = vault.signerFor("v");
    const messages = Array.from({ length: 16 }, (_, i) => Buffer.from(`threadpool ${i}`));
    const signatures = await Promise.all(messages.map((m) => signer.sign(createHash("sha256").update(m).digest())));
    signatures.forEach((raw, i) => assert.equal(verify("sha256", messages[i] as Buffer, signer.certificate.publicKey, rawToDer(raw)), true));
    await vault.probe();
  } finally {
    await vault.close();
  }
});

test("the keyed hash is the same from one opening of the vault to the next (same key, new thread)", async () => {
  const earlier = await openKeyVault(options);
  const inThread = await earlier.keyedHash(Buffer.from("document A"));
  await earlier.close();
  const vault = await openKeyVault({ ...options, softhsmConf: confPath });
  try {
    const remote = await vault.keyedHash(Buffer.from("document A"));
    assert.equal(remote.length, 32);
    assert.deepEqual(remote, inThread);
    assert.notDeepEqual(await vault.keyedHash(Buffer.from("document B")), inThread);
  } finally {
    await vault.close();
  }
});

test("ECDH in the vault thread equals node:crypto ECDH; request refusals keep their code and class", async () => {
  const vault = await openKeyVault({ ...options, softhsmConf: confPath });
  try {
    const spki = Buffer.from(vault.keyAgreementKeys["dev01"] ?? "", "base64");
    assert.equal(spki.length, 91);
    const client = createECDH("prime256v1");
    client.generateKeys();
    assert.deepEqual(await vault.deriveSharedSecret("dev01", client.getPublicKey()), client.computeSecret(spki.subarray(26)));
    await assert.rejects(vault.deriveSharedSecret("nope", client.getPublicKey()), (e) => e instanceof RequestError && e.code === "ERR_TAC_KEY_ALIAS");
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]);
    await assert.rejects(vault.deriveSharedSecret("dev01", offCurve), { code: "ERR_TAC_CLIENT_KEY" });
    assert.throws(() => vault.signerFor("v", new Date("1990-01-01")), { code: "ERR_DCC_NO_SIGNER", field: "v" });
    assert.equal(vault.available, true);
  } finally {
    await vault.close();
  }
});

test("start-up refusals keep their exact code, field and class", async () => {
  const [vaccination, testSigner] = options.signers;
  assert.ok(vaccination && testSigner);
  const missing = [vaccination, { ...testSigner, keyUri: devKeyUri("dsc-missing", "private") }];
  await assert.rejects(openKeyVault({ ...options, signers: missing, softhsmConf: confPath }), (e) => e instanceof HsmError && e.code === "ERR_HSM_KEY" && e.field === "DCC_SIGNERS[1]");
  await assert.rejects(openKeyVault({ ...options, uvciKeyUri: devKeyUri("dsc-test", "private"), softhsmConf: confPath }), { code: "ERR_HSM_KEY", field: "UVCI_KEY" });
  await assert.rejects(openKeyVault({ ...options, pin: "wrong-pin", softhsmConf: confPath }), (e) => e instanceof ConfigError && e.code === "ERR_CONFIG" && e.field === "PKCS11_PIN");
  await assert.rejects(openKeyVault({ ...options, signers: [], softhsmConf: confPath }), { code: "ERR_CONFIG", field: "DCC_SIGNERS" });
  await assert.rejects(openKeyVault({ ...options, sessionPoolSize: 0, softhsmConf: confPath }), TypeError);
});

test("the vault thread finds the token through the softhsmConf it is given, not the caller's environment", async () => {
  const saved = process.env["SOFTHSM2_CONF"];
  delete process.env["SOFTHSM2_CONF"];
  try {
    const vault = await openKeyVault({ ...options, softhsmConf: confPath });
    assert.equal((await vault.signerFor("r").sign(digest)).length, 64);
    await vault.close();
  } finally {
    process.env["SOFTHSM2_CONF"] = saved;
  }
});

test("after close every call rejects with ERR_HSM_UNAVAILABLE and available is false", async () => {
  const vault = await openKeyVault({ ...options, softhsmConf: confPath });
  const signer = vault.signerFor("t");
  await vault.close();
  assert.equal(vault.available, false);
  await assert.rejects(signer.sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
  await assert.rejects(vault.keyedHash(Buffer.from("x")), { code: "ERR_HSM_UNAVAILABLE" });
  await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
  await vault.close(); // a second close is harmless
});

test("the token goes away and comes back: the vault reconnects, no reopen", async () => {
  const changes: boolean[] = [];
  const vault = await openKeyVault(
    { ...options, softhsmConf: confPath, reconnectBackoff: { initialMs: 20, maxMs: 100 }, onAvailabilityChange: (available) => changes.push(available) },
  );
  try {
    assert.equal((await vault.signerFor("v").sign(digest)).length, 64);
    renameSync(join(dir, "tokens"), join(dir, "tokens.away"));
    // The probe signs with the token object (hsm-outage.test.ts says why it is the first to fail).
    await assert.rejects(vault.probe(), (e) => e instanceof HsmError && e.code === "ERR_HSM_UNAVAILABLE");
    assert.equal(vault.available, false);
    await assert.rejects(vault.signerFor("v").sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
    await assert.rejects(vault.keyedHash(Buffer.from("x")), { code: "ERR_HSM_UNAVAILABLE" });
    renameSync(join(dir, "tokens.away"), join(dir, "tokens"));
    await waitFor(() => vault.available);
    assert.deepEqual(changes, [false, true]);
    const signatures = await Promise.all((["v", "t", "r"] as const).map((type) => vault.signerFor(type).sign(digest)));
    assert.deepEqual(signatures.map((s) => s.length), [64, 64, 64]);
    assert.equal((await vault.keyedHash(Buffer.from("x"))).length, 32);
  } finally {
    await vault.close();
  }
});

test("a vault thread that dies is one more outage: calls in flight fail, the next call starts a new thread and signs", async () => {
  const { start, started: workers } = recordingStarter(startVaultThread);
  const changes: boolean[] = [];
  const vault = await openKeyVault(
    { ...options, softhsmConf: confPath, reconnectBackoff: { initialMs: 20, maxMs: 100 }, onAvailabilityChange: (available) => changes.push(available) },
    start,
  );
  try {
    assert.equal((await vault.signerFor("t").sign(digest)).length, 64);
    const [first] = workers;
    assert.ok(first);
    const exited = once(first, "exit");
    const inFlight = Promise.allSettled(Array.from({ length: 8 }, () => vault.signerFor("t").sign(digest)));
    await first.terminate(); // what a crash of the thread looks like from the main thread
    await exited;
    assert.equal(vault.available, false);
    assert.deepEqual(changes, [false]);
    for (const outcome of await inFlight) {
      // a signature the thread finished before it died, or an outage: never a hang, never another error
      if (outcome.status === "fulfilled") assert.equal(outcome.value.length, 64);
      else assert.ok(outcome.reason instanceof HsmError && outcome.reason.code === "ERR_HSM_UNAVAILABLE");
    }
    // The first reconnect after an outage may run at once: this call starts the new thread itself.
    assert.equal((await vault.signerFor("t").sign(digest)).length, 64);
    assert.equal(vault.available, true);
    assert.equal(workers.length, 2);
    assert.deepEqual(changes, [false, true]);
    const signer = vault.signerFor("t");
    assert.equal(verify("sha256", Buffer.from("remote vault probe"), signer.certificate.publicKey, rawToDer(await signer.sign(digest))), true);
    assert.equal((await vault.keyedHash(Buffer.from("x"))).length, 32);
  } finally {
    await vault.close();
  }
});

test("a vault refused at start starts no thread again", async () => {
  const { start, attempts } = recordingStarter(startVaultThread);
  await assert.rejects(openKeyVault({ ...options, pin: "wrong-pin", reconnectBackoff: { initialMs: 10, maxMs: 10 } }, start), { code: "ERR_CONFIG" });
  await sleep(100); // ten back-off periods: a retry would have happened by now
  assert.equal(attempts(), 1);
});

test("a flood beyond HSM_QUEUE_MAX is refused at once with ERR_OVERLOADED (hsm), not an outage; the calls inside sign", async () => {
  const vault = await openKeyVault({ ...options, softhsmConf: confPath, maxPending: 4 });
  try {
    const signer = vault.signerFor("v");
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => signer.sign(digest)));
    const signed = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(signed.length, 4);
    for (const outcome of refused) {
      assert.ok(outcome.reason instanceof RequestError);
      assert.deepEqual({ code: outcome.reason.code, field: outcome.reason.field }, { code: "ERR_OVERLOADED", field: "hsm" });
    }
    assert.equal(vault.available, true);
    assert.equal((await signer.sign(digest)).length, 64);
    assert.deepEqual(vault.sessions, { size: 2, busy: 0, waiting: 0 });
  } finally {
    await vault.close();
  }
});
