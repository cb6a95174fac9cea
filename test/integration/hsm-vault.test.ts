// The key vault (key-vault.ts → the vault thread → the token-session layer) on a SoftHSM token of its own (a
// temporary directory, never .softhsm/): custody of the keys, signers built on the main thread from the
// certificates, the same codes and classes across the thread, the upload signer, outages and a dead thread survived
// by the one link, and the bound on queued operations.
// An outage, as SoftHSM really has one: its token directory moved away. The token objects' handles then fail
// (CKR_OBJECT_HANDLE_INVALID) and every reconnect fails until the directory is back. Operations use session copies
// of the keys (working-copy.ts), which SoftHSM keeps in memory, so it is the readiness probe — a signature with the
// token object itself, as /readyz makes — that sees the token gone first; from then on every operation fails until
// it is back. (A real HSM that goes away fails its session objects at once too.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createECDH, createHash, verify, X509Certificate } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { rawToDer } from "../../src/crypto/ecdsa-signature.js";
import { ConfigError, HsmError, RequestError } from "../../src/errors.js";
import { devKeyUri } from "../../src/cli/hsm-init/dev-files.js";
import { generateEcKeyPair, generateHmacKey } from "../../src/cli/hsm-init/keys.js";
import { DEV_TOKEN_LABEL } from "../../src/cli/hsm-init/softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE, tokenSigner } from "../../src/cli/hsm-init/token-session.js";
import { issueCertificate } from "../../src/cli/hsm-init/certificate-builder.js";
import { readCustody } from "../../src/hsm/key-lookup.js";
import { pkcs11js } from "../../src/hsm/module.js";
import { describeSigners } from "../../src/http/signers-routes.js";
import { openKeyVault, startVaultThread, type HsmKeyVault, type KeyVaultOptions } from "../../src/hsm/key-vault.js";
import { recordingStarter } from "../support/recording-starter.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-vault-"));
const confPath = join(dir, "softhsm2.conf");
const digest = createHash("sha256").update("vault probe").digest();
let options: KeyVaultOptions;
let uploadPem: string;

before(async () => {
  options = { ...(await createTempToken(dir)), softhsmConf: confPath };
  // Extra keys for the refusal cases, made before any vault initialises the module in this process.
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, options.pin);
  assert.ok(token);
  generateEcKeyPair(token.module, token.session, { label: "dsc-exportable", usage: "sign", exportable: true });
  const lonely = generateEcKeyPair(token.module, token.session, { label: "dsc-lonely", usage: "sign" });
  token.module.C_DestroyObject(token.session, lonely.publicKey); // only the proof signature can catch a mismatch
  generateHmacKey(token.module, token.session, "uvci-hmac-2");
  // An upload signer: a token key with a self-signed certificate of its own (not a DSC: no EKU).
  const upload = generateEcKeyPair(token.module, token.session, { label: "upload-signer", usage: "sign" });
  const name = { commonName: "DCC Converter TEST upload signer", country: "FR" };
  const now = Date.now();
  const der = await issueCertificate(
    {
      subject: name,
      issuer: name,
      subjectPublicKeyInfo: upload.spki,
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 86_400_000),
      extensions: [],
    },
    tokenSigner(token, upload.privateKey),
  );
  uploadPem = new X509Certificate(der).toString();
  token.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** A vault whose availability changes are recorded, with an event to await each one (no polling, no sleep). */
interface WatchedVault {
  readonly vault: HsmKeyVault;
  readonly changes: boolean[];
  available(): Promise<void>;
}

async function watchedVault(start?: Parameters<typeof openKeyVault>[1]): Promise<WatchedVault> {
  const changes: boolean[] = [];
  const events = new EventEmitter();
  const vault = await openKeyVault(
    {
      ...options,
      reconnectBackoff: { initialMs: 20, maxMs: 100 },
      onAvailabilityChange: (available) => {
        changes.push(available);
        events.emit(available ? "available" : "unavailable");
      },
    },
    start,
  );
  const available = async () => {
    if (vault.available) return;
    // The link's retry timer is unref'd (it must not keep a process alive): hold the loop open while waiting.
    const open = setInterval(() => undefined, 1_000);
    try {
      await once(events, "available");
    } finally {
      clearInterval(open);
    }
  };
  return { vault, changes, available };
}

test("every generated key reads back sensitive, non-extractable, never extractable", () => {
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, options.pin);
  assert.ok(token);
  try {
    const keys: [number, string][] = [
      [pkcs11js.CKO_PRIVATE_KEY, "dev-csca"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-vaccination"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-test"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-recovery"],
      [pkcs11js.CKO_PRIVATE_KEY, "tac-dev01"],
      [pkcs11js.CKO_SECRET_KEY, "uvci-hmac"],
    ];
    for (const [objectClass, label] of keys) {
      const handle = findByLabel(token, objectClass, label);
      assert.ok(handle, label);
      assert.deepEqual(
        readCustody(token.module, token.session, handle),
        { sensitive: true, extractable: false, neverExtractable: true },
        label,
      );
    }
  } finally {
    token.close();
  }
});

test("signatures verify with each DSC certificate; signers are rebuilt faithfully; kid and signer description are right", async () => {
  const expected = options.signers.map((s) => {
    const certificate = new X509Certificate(s.certificatePem);
    const kid = createHash("sha256").update(certificate.raw).digest().subarray(0, 8);
    return {
      kid,
      types: s.types,
      raw: certificate.raw,
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
    };
  });
  const vault = await openKeyVault({ ...options, sessionPoolSize: 4 });
  try {
    assert.equal(vault.available, true);
    assert.deepEqual(
      vault.signers.map((s) => ({ kid: s.kid, types: s.types, raw: s.certificate.raw, notBefore: s.notBefore, notAfter: s.notAfter })),
      expected,
    );
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
    const described = describeSigners(vault.signers);
    assert.deepEqual(
      described.map((s) => s.types),
      [["v"], ["t"], ["r"]],
    );
    for (const entry of described) {
      assert.equal(Buffer.from(entry.kid, "base64").length, 8);
      assert.equal(new X509Certificate(entry.certificate).subject.includes("DCC Converter DEV DSC"), true);
      assert.equal(Date.parse(entry.notAfter) - Date.parse(entry.notBefore) > 700 * 86_400_000, true);
    }
    await vault.probe();
  } finally {
    await vault.close();
  }
});

test("PKCS11_CALLS=threadpool (C_SignAsync) signs and hashes as inline does: same keyed hash, signatures that verify", async () => {
  const inline = await openKeyVault({ ...options, calls: "inline" });
  const expected = await inline.keyedHash(Buffer.from("one document"));
  await inline.close();
  const vault = await openKeyVault({ ...options, calls: "threadpool" });
  try {
    assert.deepEqual(await vault.keyedHash(Buffer.from("one document")), expected);
    const signer = vault.signerFor("v");
    const messages = Array.from({ length: 16 }, (_, i) => Buffer.from(`threadpool ${i}`));
    const signatures = await Promise.all(messages.map((m) => signer.sign(createHash("sha256").update(m).digest())));
    signatures.forEach((raw, i) =>
      assert.equal(verify("sha256", messages[i] as Buffer, signer.certificate.publicKey, rawToDer(raw)), true),
    );
    await vault.probe();
  } finally {
    await vault.close();
  }
});

test("the UVCI keyed hash is deterministic, the same from one opening to the next (new thread), and depends on the key", async () => {
  const first = await openKeyVault(options);
  const a1 = await first.keyedHash(Buffer.from("document A"));
  const a2 = await first.keyedHash(Buffer.from("document A"));
  const b = await first.keyedHash(Buffer.from("document B"));
  await first.close();
  assert.equal(a1.length, 32);
  assert.deepEqual(a1, a2);
  assert.notDeepEqual(a1, b);
  assert.notDeepEqual(a1, createHash("sha256").update("document A").digest());
  const again = await openKeyVault(options);
  assert.deepEqual(await again.keyedHash(Buffer.from("document A")), a1);
  await again.close();
  const other = await openKeyVault({ ...options, uvciKeyUri: devKeyUri("uvci-hmac-2", "secret-key") });
  const a3 = await other.keyedHash(Buffer.from("document A"));
  await other.close();
  assert.notDeepEqual(a1, a3);
});

test("ECDH in the token equals node:crypto ECDH; a client's bad alias or key keeps its code and class, not an outage", async () => {
  const vault = await openKeyVault(options);
  try {
    const spki = Buffer.from(vault.keyAgreementKeys["dev01"] ?? "", "base64");
    assert.equal(spki.length, 91);
    const client = createECDH("prime256v1");
    client.generateKeys();
    const inToken = await vault.deriveSharedSecret("dev01", client.getPublicKey());
    assert.equal(inToken.length, 32);
    assert.deepEqual(inToken, client.computeSecret(spki.subarray(26)));
    await assert.rejects(
      vault.deriveSharedSecret("nope", client.getPublicKey()),
      (e) => e instanceof RequestError && e.code === "ERR_TAC_KEY_ALIAS",
    );
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]);
    await assert.rejects(vault.deriveSharedSecret("dev01", offCurve), { code: "ERR_TAC_CLIENT_KEY" });
    assert.throws(() => vault.signerFor("v", new Date("1990-01-01")), { code: "ERR_DCC_NO_SIGNER", field: "v" });
    assert.equal(vault.available, true);
  } finally {
    await vault.close();
  }
});

test("signerFor a type without a signer is ERR_DCC_NO_SIGNER", async () => {
  const vault = await openKeyVault({ ...options, signers: options.signers.filter((s) => s.types.includes("t")) });
  try {
    assert.throws(() => vault.signerFor("v"), { code: "ERR_DCC_NO_SIGNER" });
    assert.equal(vault.signerFor("t").types[0], "t");
  } finally {
    await vault.close();
  }
});

test("open refuses exportable, missing and mismatching keys naming the config entry, with the exact code and class", async () => {
  const [vaccination, testSigner] = options.signers;
  assert.ok(vaccination && testSigner);
  const withKey = (object: string) => [vaccination, { ...testSigner, keyUri: devKeyUri(object, "private") }];
  const refusals: [string, string][] = [
    ["dsc-exportable", "extractable"],
    ["dsc-missing", "missing"],
    ["dsc-recovery", "public point differs"],
    ["dsc-lonely", "no public object: proof signature fails"],
  ];
  for (const [object, why] of refusals) {
    await assert.rejects(
      openKeyVault({ ...options, signers: withKey(object) }),
      (e) => e instanceof HsmError && e.code === "ERR_HSM_KEY" && e.field === "DCC_SIGNERS[1]",
      why,
    );
  }
  await assert.rejects(openKeyVault({ ...options, uvciKeyUri: devKeyUri("dsc-test", "private") }), {
    code: "ERR_HSM_KEY",
    field: "UVCI_KEY",
  });
  await assert.rejects(
    openKeyVault({ ...options, pin: "wrong-pin" }),
    (e) => e instanceof ConfigError && e.code === "ERR_CONFIG" && e.field === "PKCS11_PIN",
  );
  await assert.rejects(openKeyVault({ ...options, signers: [] }), { code: "ERR_CONFIG", field: "DCC_SIGNERS" });
  await assert.rejects(openKeyVault({ ...options, sessionPoolSize: 0 }), TypeError);
  // after every refusal the module was released: a correct open still works
  const vault = await openKeyVault(options);
  await vault.close();
});

test("the upload signer signs a SHA-256 digest with its own token key: raw r‖s verifying with its certificate", async () => {
  const vault = await openKeyVault({
    ...options,
    uploadSigner: { certificatePem: uploadPem, keyUri: devKeyUri("upload-signer", "private") },
  });
  try {
    const certificate = new X509Certificate(uploadPem);
    assert.deepEqual(vault.uploadSigner?.certificateDer, certificate.raw);
    const content = Buffer.from("a revocation list stand-in");
    const raw = await vault.signUpload(createHash("sha256").update(content).digest());
    assert.equal(raw.length, 64);
    assert.equal(verify("sha256", content, certificate.publicKey, rawToDer(raw)), true);
    assert.equal(verify("sha256", content, vault.signerFor("v").certificate.publicKey, rawToDer(raw)), false);
    assert.throws(() => vault.signUpload(Buffer.alloc(20)), TypeError);
  } finally {
    await vault.close();
  }
});

test("an upload signer whose key is not its certificate's is refused at open; without one, signUpload refuses", async () => {
  await assert.rejects(
    openKeyVault({ ...options, uploadSigner: { certificatePem: uploadPem, keyUri: devKeyUri("dsc-test", "private") } }),
    { code: "ERR_HSM_KEY", field: "uploadSigner" },
  );
  const vault = await openKeyVault(options);
  try {
    assert.equal(vault.uploadSigner, undefined);
    await assert.rejects(vault.signUpload(Buffer.alloc(32)), { code: "ERR_HSM_KEY", field: "uploadSigner" });
  } finally {
    await vault.close();
  }
});

test("the vault thread finds the token through the softhsmConf it is given, not the caller's environment", async () => {
  const saved = process.env["SOFTHSM2_CONF"];
  delete process.env["SOFTHSM2_CONF"];
  try {
    const vault = await openKeyVault(options);
    assert.equal((await vault.signerFor("r").sign(digest)).length, 64);
    await vault.close();
  } finally {
    process.env["SOFTHSM2_CONF"] = saved;
  }
});

test("after close every call rejects with ERR_HSM_UNAVAILABLE and available is false", async () => {
  const vault = await openKeyVault(options);
  const signer = vault.signerFor("t");
  await vault.close();
  assert.equal(vault.available, false);
  await assert.rejects(signer.sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
  await assert.rejects(vault.keyedHash(Buffer.from("x")), { code: "ERR_HSM_UNAVAILABLE" });
  await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
  await vault.close(); // a second close is harmless
});

test("the token goes away and comes back: ERR_HSM_UNAVAILABLE meanwhile, then the same vault reconnects, no reopen", async () => {
  const tokens = join(dir, "tokens");
  const away = join(dir, "tokens.away");
  const { vault, changes, available } = await watchedVault();
  try {
    assert.equal((await vault.signerFor("v").sign(digest)).length, 64);
    await vault.probe();
    renameSync(tokens, away);
    await assert.rejects(vault.probe(), (e) => e instanceof HsmError && e.code === "ERR_HSM_UNAVAILABLE");
    assert.equal(vault.available, false);
    await assert.rejects(vault.signerFor("v").sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
    await assert.rejects(vault.keyedHash(Buffer.from("x")), { code: "ERR_HSM_UNAVAILABLE" });
    await sleep(150); // no event marks a failed background attempt: let several fail while the token is away
    assert.equal(vault.available, false);
    await assert.rejects(vault.signerFor("t").sign(digest), { code: "ERR_HSM_UNAVAILABLE" });
    assert.deepEqual(changes, [false]);
    renameSync(away, tokens);
    await available();
    assert.deepEqual(changes, [false, true]);
    const signatures = await Promise.all((["v", "t", "r"] as const).map((type) => vault.signerFor(type).sign(digest)));
    assert.deepEqual(
      signatures.map((s) => s.length),
      [64, 64, 64],
    );
    await vault.probe();
    assert.equal((await vault.keyedHash(Buffer.from("x"))).length, 32);
    // Again, and this time a call after the back-off reconnects by itself even before the timer fires.
    renameSync(tokens, away);
    await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
    renameSync(away, tokens);
    assert.equal((await vault.signerFor("r").sign(digest)).length, 64);
    assert.equal(vault.available, true);
  } finally {
    await vault.close();
  }
});

test("a vault thread that dies is one more outage: calls in flight fail, the next call starts a new thread and signs", async () => {
  const { start, started: workers } = recordingStarter(startVaultThread);
  const { vault, changes } = await watchedVault(start);
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
    assert.equal(verify("sha256", Buffer.from("vault probe"), signer.certificate.publicKey, rawToDer(await signer.sign(digest))), true);
    assert.equal((await vault.keyedHash(Buffer.from("x"))).length, 32);
  } finally {
    await vault.close();
  }
});

test("a vault refused at start starts no thread again", async () => {
  const { start, attempts } = recordingStarter(startVaultThread);
  await assert.rejects(openKeyVault({ ...options, pin: "wrong-pin", reconnectBackoff: { initialMs: 10, maxMs: 10 } }, start), {
    code: "ERR_CONFIG",
  });
  await sleep(100); // an absence has no event: ten back-off periods, in which a retry would have happened
  assert.equal(attempts(), 1);
});

test("a flood beyond HSM_QUEUE_MAX is refused at once with ERR_OVERLOADED (hsm), not an outage; the calls inside sign", async () => {
  const vault = await openKeyVault({ ...options, maxPending: 4 });
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
