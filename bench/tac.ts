// bench/tac.ts — the cost of TousAntiCovid v2 (ECDH in the HSM + HMAC + AES-GCM both ways) over v1, the
// same conversion in clear. Both run against one real service (SoftHSM) in this run, measured alternately;
// the figure that matters is the ratio v2/v1, not the absolute req/s of this machine.
// Run: node --import tsx bench/tac.ts [seconds-per-round=8] [rounds=3] [connections=50]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logging.js";
import { startService } from "../src/server.js";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { V1_PATH, V2_PATH, conversionKey, decrypt, encrypt, fetchServerKeys, newClientKey } from "../test/support/tac-client.js";

interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<LoadResult>;
// autocannon ships no types; the few fields read here are declared above.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const [seconds = 8, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const document = samples.find((s) => s.id === "kit-L1-AZAY-valid")!.raw;
const envelope = (chainEncoded: string) => JSON.stringify({ chainEncoded, source: "DEUX_D_DOC", destination: "DGCA" });

// The public limit is per address and the generator is one address: raise it to its maximum for the run.
const config = loadConfig({ ...process.env, PORT: "0", OPS_PORT: "0", LOG_LEVEL: "warn", TAC_RATE_LIMIT_PER_MINUTE: "1000000" });
const service = await startService(config, createLogger("warn"));
const alias = "dev01";
const client = newClientKey();
const key = conversionKey(client.privateKey, (await fetchServerKeys(service.url))[alias]!);
const v2Url = `${service.url}${V2_PATH}?${new URLSearchParams({ publicKey: client.spkiBase64, keyAlias: alias }).toString()}`;
// One request each way first: both must convert, or the figures would measure refusals.
const check = await fetch(v2Url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: envelope(encrypt(key, document)),
});
if (check.status !== 200 || !decrypt(key, await check.text()).startsWith("HC1:")) throw new Error(`v2 check failed: ${check.status}`);

const targets = {
  v1: { url: `${service.url}${V1_PATH}`, body: envelope(document) },
  // The same ciphertext for every request: the server still runs ECDH, HMAC, decryption and encryption each time.
  v2: { url: v2Url, body: envelope(encrypt(key, document)) },
};

async function load(name: keyof typeof targets) {
  const { url, body } = targets[name];
  const result = await autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    connections,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

await load("v1"); // warm-up (JIT, session pool)
await load("v2");
const rows: Array<{ round: number; protocol: string } & Awaited<ReturnType<typeof load>>> = [];
for (let round = 1; round <= rounds; round++) {
  rows.push({ round, protocol: "v1", ...(await load("v1")) });
  rows.push({ round, protocol: "v2", ...(await load("v2")) });
}
console.table(rows);
const mean = (protocol: string, field: "rps" | "p99" | "p50") =>
  rows.filter((r) => r.protocol === protocol).reduce((s, r) => s + r[field], 0) / rounds;
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds} (HSM sessions ${config.pkcs11.sessions})`);
console.log(`v1: ${mean("v1", "rps").toFixed(0)} req/s, p50 ${mean("v1", "p50").toFixed(1)} ms, p99 ${mean("v1", "p99").toFixed(1)} ms`);
console.log(`v2: ${mean("v2", "rps").toFixed(0)} req/s, p50 ${mean("v2", "p50").toFixed(1)} ms, p99 ${mean("v2", "p99").toFixed(1)} ms`);
console.log(`ratio v2/v1 throughput: ${(mean("v2", "rps") / mean("v1", "rps")).toFixed(2)}`);
await service.close();
