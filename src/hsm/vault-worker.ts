// The PKCS#11 key vault in its own thread (C_SignInit is synchronous in pkcs11js and, under load,
// waits on SoftHSM's locks; here it blocks this thread, not the event loop that serves requests).
// The EXISTING openKeyVault runs unchanged inside: its session pool, outage detection and reconnect.
// Protocol: vault-protocol.ts. Started by remote-vault.ts through worker-script.ts.
import { parentPort, workerData } from "node:worker_threads";
import { errorReply } from "../workers/thread-errors.js";
import type { KeyVault } from "./types.js";
import { asBuffer } from "./vault-protocol.js";
import type { SignerDescription, VaultEvent, VaultMessage, VaultReply, VaultRequest, VaultWorkerData } from "./vault-protocol.js";

const port = parentPort;
if (port === null) throw new TypeError("vault-worker.ts runs as a worker thread only");
const data = workerData as VaultWorkerData;

/** A product error keeps its code and field; anything else is an outage (fail closed, nothing echoed). */
const describeError = (error: unknown) => errorReply(error, "ERR_HSM_UNAVAILABLE");

function describeSigner(vault: KeyVault, index: number): SignerDescription {
  const signer = vault.signers[index];
  if (signer === undefined) throw new TypeError("no such signer");
  return {
    kid: signer.kid,
    types: signer.types,
    certificatePem: signer.certificate.toString(),
    notBefore: signer.notBefore.getTime(),
    notAfter: signer.notAfter.getTime(),
  };
}

async function perform(vault: KeyVault, request: VaultRequest): Promise<Uint8Array | undefined> {
  switch (request.op) {
    case "sign": {
      const signer = vault.signers[request.signer];
      if (signer === undefined) throw new TypeError("no such signer");
      return signer.sign(asBuffer(request.digest));
    }
    case "hmac":
      return vault.keyedHash(asBuffer(request.data));
    case "ecdh":
      return vault.deriveSharedSecret(request.alias, asBuffer(request.point));
    case "probe":
      await vault.probe();
      return undefined;
    case "close":
      await vault.close();
      return undefined;
  }
}

// Replies that complete in the same loop iteration (C_SignAsync callbacks of the poll phase) leave together.
let outbox: VaultReply[] = [];

function reply(message: VaultReply): void {
  if (outbox.push(message) === 1) {
    setImmediate(() => {
      const replies = outbox;
      outbox = [];
      port?.postMessage(replies satisfies VaultMessage);
    });
  }
}

function serve(vault: KeyVault, request: VaultRequest): void {
  perform(vault, request).then(
    (value) => reply(value === undefined ? { id: request.id, ok: true } : { id: request.id, ok: true, value }),
    (error: unknown) => reply({ id: request.id, ok: false, ...describeError(error) }),
  );
}

async function start(): Promise<void> {
  // platform.md: SoftHSM reads SOFTHSM2_CONF when the module is initialised, so set it before loading vault.js.
  if (data.softhsmConf !== undefined) process.env["SOFTHSM2_CONF"] = data.softhsmConf;
  const { openKeyVault } = await import("./vault.js");
  let vault: KeyVault;
  try {
    vault = await openKeyVault({ ...data.options, onAvailabilityChange: (available) => port?.postMessage({ available } satisfies VaultEvent) });
  } catch (error) {
    port?.postMessage({ fatal: describeError(error) } satisfies VaultEvent);
    return;
  }
  port?.on("message", (requests: readonly VaultRequest[]) => {
    for (const request of requests) serve(vault, request);
  });
  const signers = vault.signers.map((_, index) => describeSigner(vault, index));
  port?.postMessage({ ready: { signers, keyAgreementKeys: { ...vault.keyAgreementKeys } } } satisfies VaultEvent);
}

void start();
