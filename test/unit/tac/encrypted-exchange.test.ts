// The v2 exchange checks the alias and the client key BEFORE any HSM call (docs/tousanticovid.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createECDH, generateKeyPairSync } from "node:crypto";
import { openExchange } from "../../../src/tac/encrypted-exchange.js";

function stubVault(aliases: string[]) {
  const server = createECDH("prime256v1");
  server.generateKeys();
  const calls: string[] = [];
  return {
    calls,
    keyAgreementKeys: Object.fromEntries(aliases.map((alias) => [alias, "spki"])),
    async deriveSharedSecret(alias: string, point: Buffer): Promise<Buffer> {
      calls.push(alias);
      return server.computeSecret(point);
    },
  };
}

const clientSpki = () =>
  generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "der" }).toString("base64");

test("an unknown, missing or odd alias is ERR_TAC_KEY_ALIAS and the HSM is not called", async () => {
  const vault = stubVault(["prd01", "prd02"]);
  for (const alias of ["prd03", undefined, "", "__proto__", "constructor", "toString", ["prd01"], "prd01 ", "x".repeat(65)]) {
    await assert.rejects(openExchange(vault, alias, clientSpki()), { code: "ERR_TAC_KEY_ALIAS", field: "keyAlias" }, String(alias));
  }
  assert.deepEqual(vault.calls, []);
});

test("a bad client key is ERR_TAC_CLIENT_KEY and the HSM is not called", async () => {
  const vault = stubVault(["prd01"]);
  await assert.rejects(openExchange(vault, "prd01", "AAAA"), { code: "ERR_TAC_CLIENT_KEY" });
  await assert.rejects(openExchange(vault, "prd01", undefined), { code: "ERR_TAC_CLIENT_KEY" });
  assert.deepEqual(vault.calls, []);
});

test("each live alias of a rotation is usable", async () => {
  const vault = stubVault(["prd01", "prd02"]);
  await openExchange(vault, "prd01", clientSpki());
  await openExchange(vault, "prd02", clientSpki());
  assert.deepEqual(vault.calls, ["prd01", "prd02"]);
});

test("an HSM failure propagates with its own code", async () => {
  const vault = {
    keyAgreementKeys: { prd01: "spki" },
    deriveSharedSecret: async () => {
      throw Object.assign(new Error("down"), { code: "ERR_HSM_UNAVAILABLE" });
    },
  };
  await assert.rejects(openExchange(vault, "prd01", clientSpki()), { code: "ERR_HSM_UNAVAILABLE" });
});
