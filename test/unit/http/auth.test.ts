// API clients file: hashed keys only, strict shape, constant-time lookup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey, loadApiClients } from "../../../src/http/auth.js";

const dir = mkdtempSync(join(tmpdir(), "dcc-auth-"));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const KEY = "k_live_0123456789abcdef0123456789abcdef";

test("a client is found by its key, never by its hash, with its scopes", () => {
  const clients = loadApiClients(
    write("ok.json", [
      { name: "sidep-batch", keyHash: hashApiKey(KEY), scopes: ["convert", "batch"] },
      { name: "meae", keyHash: hashApiKey(`${KEY}-meae`), scopes: ["issue"], ratePerMinute: 600 },
    ]),
  );
  assert.equal(clients.size, 2);
  assert.equal(clients.authenticate(KEY)?.name, "sidep-batch");
  assert.equal(clients.authenticate(KEY)?.scopes.has("batch"), true);
  assert.equal(clients.authenticate(`${KEY}-meae`)?.ratePerMinute, 600);
  assert.equal(clients.authenticate(hashApiKey(KEY)), undefined);
  assert.equal(clients.authenticate("wrong"), undefined);
});

test("a malformed clients file is refused at start, naming the entry", () => {
  const bad: Array<[string, unknown, string]> = [
    ["not-json", "{", "API_KEYS_FILE"],
    ["empty", [], "API_KEYS_FILE"],
    ["plain-key", [{ name: "a", keyHash: KEY, scopes: ["convert"] }], "API_KEYS_FILE[0]"],
    ["bad-scope", [{ name: "a", keyHash: hashApiKey(KEY), scopes: ["admin"] }], "API_KEYS_FILE[0]"],
    ["bad-name", [{ name: "A B", keyHash: hashApiKey(KEY), scopes: ["convert"] }], "API_KEYS_FILE[0]"],
    [
      "duplicate",
      [
        { name: "a", keyHash: hashApiKey(KEY), scopes: ["convert"] },
        { name: "a", keyHash: hashApiKey("x".repeat(20)), scopes: ["issue"] },
      ],
      "API_KEYS_FILE",
    ],
  ];
  for (const [name, content, field] of bad) {
    assert.throws(() => loadApiClients(write(`${name}.json`, content)), { code: "ERR_CONFIG", field }, name);
  }
});
