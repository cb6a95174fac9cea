// HSM signing throughput: ES256 through the PKCS#11 vault (its vault thread: C_Sign inline, the default, and
// C_SignAsync on the threadpool with a session pool of 1, 2, 4 and 8: PKCS11_CALLS) next to node:crypto ES256 of the same bytes in
// the same run, with the event-loop delay p99 of the main thread during each run.
// The service runs the vault with 8 sessions (PKCS11_SESSIONS default).
// Uses a TEMPORARY development token (never .softhsm/). Target: pool ≥ 0.4 × node:crypto.
// Run: node --import tsx bench/sign.ts
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { encodeCbor } from "../src/dcc/cbor.js";
import { buildProtectedHeader } from "../src/dcc/cose.js";
import type { DccPayload } from "../src/dcc/types.js";
import { openKeyVault } from "../src/hsm/key-vault.js";
import type { KeyVault } from "../src/hsm/types.js";
import { createTempToken } from "../test/support/temp-token.js";

const SIGNATURES = 6_000;
const IN_FLIGHT = 32; // concurrent callers, as under HTTP load
const dir = mkdtempSync(join(tmpdir(), "bench-sign-"));

// A specimen vaccination DCC (invented identity) → realistic CWT payload and Sig_structure sizes.
const payload: DccPayload = {
  ver: "1.3.0",
  nam: { fn: "SPECIMEN", fnt: "SPECIMEN", gn: "MARIE LOUISE", gnt: "MARIE<LOUISE" },
  dob: "1964-05-02",
  v: [{ tg: "840539006", vp: "1119349007", mp: "EU/1/20/1528", ma: "ORG-100030215", dn: 2, sd: 2, dt: "2021-06-01", co: "FR", is: "CNAM", ci: "URN:UVCI:01:FR:W7V2BE46QSBJ#L" }],
};
const claims = new Map<number, unknown>([[1, "FR"], [4, 1_700_000_000], [6, 1_670_000_000], [-260, new Map([[1, payload]])]]);
const sigStructure = encodeCbor(["Signature1", buildProtectedHeader(Buffer.alloc(8, 1)), Buffer.alloc(0), encodeCbor(claims)]);

interface Run { rate: number; p99ms: number }

async function measure(operation: () => Promise<unknown>, count = SIGNATURES): Promise<Run> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let next = 0;
  const worker = async () => {
    while (next++ < count) await operation();
  };
  delay.enable();
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - start) / 1000;
  delay.disable();
  return { rate: count / seconds, p99ms: delay.percentile(99) / 1e6 };
}

// node:crypto is synchronous: yield to the loop between signatures so its delay is measured the same way.
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const nodeSign = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  return sign("sha256", sigStructure, { key: privateKey, dsaEncoding: "ieee-p1363" });
};

const options = { ...(await createTempToken(dir)), keyAgreementKeys: {} };
const encodeModule = existsSync(new URL("../src/dcc/encode.ts", import.meta.url)) ? await import("../src/dcc/encode.js") : undefined;

const lines: string[] = [];
const print = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
print(`Sig_structure ${sigStructure.length} bytes; ${SIGNATURES} signatures per run, ${IN_FLIGHT} callers in flight`);
await measure(nodeSign, 1_000); // warm-up
// The ratio's reference is the stricter one: a plain synchronous loop (it blocks the event loop meanwhile).
const syncStart = performance.now();
for (let i = 0; i < SIGNATURES; i++) sign("sha256", sigStructure, { key: privateKey, dsaEncoding: "ieee-p1363" });
const reference = { rate: SIGNATURES / ((performance.now() - syncStart) / 1000) };
const yielding = await measure(nodeSign);
print(`node:crypto ES256, sync loop (reference)  ${reference.rate.toFixed(0).padStart(7)} sig/s   (blocks the loop throughout)`);
print(`node:crypto ES256, yielding each sig      ${yielding.rate.toFixed(0).padStart(7)} sig/s   loop p99 ${yielding.p99ms.toFixed(2)} ms`);
const vaults: [string, () => Promise<KeyVault>][] = [
  [`vault, C_Sign inline, 8 sessions          `, () => openKeyVault({ ...options, sessionPoolSize: 8, calls: "inline", softhsmConf: join(dir, "softhsm2.conf") })],
  ...[1, 2, 4, 8].map((n): [string, () => Promise<KeyVault>] => [`vault, threadpool, ${n} session(s)          `, () => openKeyVault({ ...options, sessionPoolSize: n, calls: "threadpool", softhsmConf: join(dir, "softhsm2.conf") })]),
];
for (const [label, open] of vaults) {
  const vault = await open();
  const signer = vault.signerFor("v");
  await measure(() => signer.sign(createHash("sha256").update(sigStructure).digest()), 500); // warm-up
  const run = await measure(() => signer.sign(createHash("sha256").update(sigStructure).digest()));
  print(`${label} ${run.rate.toFixed(0).padStart(7)} sig/s   loop p99 ${run.p99ms.toFixed(2)} ms   ratio ${(run.rate / reference.rate).toFixed(2)}`);
  if (/inline|8 session/.test(label) && encodeModule !== undefined) {
    const now = new Date();
    const full = await measure(() => encodeModule.encodeDcc({ payload, signer, now }), 3_000);
    print(`  full signed DCC (encodeDcc), same vault ${full.rate.toFixed(0).padStart(7)} DCC/s   loop p99 ${full.p99ms.toFixed(2)} ms`);
  }
  await vault.close();
}
rmSync(dir, { recursive: true, force: true });
