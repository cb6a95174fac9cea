// The verifier's trust lists and rule sets reloaded through the one reload machinery (src/verifier/sources.ts, on
// src/reload/watched-source.ts): a FIFO at DCC_TRUST_LIST or among the rule files is refused as not-regular at once
// and does not block later reloads (a good file written after it takes effect); a truncated trust list keeps the one
// in force; every refusal is reported by place and reason. A verification worker's sources are parsed from the bytes
// the main thread read, at start and after each swap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../src/config.js";
import { computeKid } from "../../../src/dcc/kid.js";
import { trustListEntry } from "../../../src/trust/dcc-trust-list.js";
import {
  closeSources,
  openSources,
  pushedSources,
  shareSources,
  sourceRaws,
  type SourceName,
  type VerifierSources,
} from "../../../src/verifier/sources.js";
import { makeTestSigner } from "../../support/test-signer.js";

const [first, second] = [makeTestSigner(), makeTestSigner()];
const listOf = (...signers: (typeof first)[]) => JSON.stringify(signers.map((signer) => trustListEntry(signer.certificate)));
const trusts = (sources: VerifierSources, signer: typeof first) =>
  sources.dccTrust.current().find(computeKid(signer.certificate)).length > 0;

/** Waits until `condition` holds (the sources poll every 20 ms here; 5 s leaves room on a loaded machine). */
async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail("not reached");
}

async function opened() {
  const dir = mkdtempSync(join(tmpdir(), "verifier-sources-"));
  const trustList = join(dir, "trust-list.json");
  const rulesDir = join(dir, "rules");
  writeFileSync(trustList, listOf(first));
  cpSync(join(PROJECT_ROOT, "rules"), rulesDir, { recursive: true });
  const sources = await openSources({ trustBundleFile: undefined, dccTrustList: { kind: "gateway", file: trustList }, rulesDir });
  const events: string[] = [];
  for (const [field, source] of [
    ["DCC_TRUST_LIST", sources.dccTrust],
    ["RULES_DIR", sources.ruleSets],
  ] as const) {
    source.watch({ loaded: () => events.push(`${field} ok`), refused: (place, reason) => events.push(`${field} ${place} ${reason}`) }, 20);
  }
  return { dir, trustList, rulesDir, sources, events };
}

// Regression: the verifier's sources were read with readFile, so a FIFO at the path blocked the reload for good.
test("a FIFO as DCC_TRUST_LIST is refused as not-regular at once; a good list written after it takes effect", async () => {
  const { dir, trustList, sources, events } = await opened();
  try {
    rmSync(trustList);
    assert.equal(spawnSync("mkfifo", [trustList]).status, 0);
    await until(() => events.includes("DCC_TRUST_LIST DCC_TRUST_LIST not-regular"));
    assert.ok(trusts(sources, first), "the list in force stays");
    writeFileSync(join(dir, "next.json"), listOf(first, second));
    renameSync(join(dir, "next.json"), trustList);
    await until(() => trusts(sources, second));
    assert.equal(events.at(-1), "DCC_TRUST_LIST ok");
  } finally {
    closeSources(sources);
  }
});

test("a truncated or emptied trust list keeps the one in force, refused as invalid", async () => {
  const { trustList, sources, events } = await opened();
  try {
    const whole = listOf(first, second);
    const replace = (text: string) => {
      // whole files swapped in, so that each is seen as written
      writeFileSync(`${trustList}.next`, text);
      renameSync(`${trustList}.next`, trustList);
    };
    replace(whole.slice(0, Math.floor(whole.length / 2)));
    await until(() => events.length === 1);
    replace("");
    await until(() => events.length === 2);
    assert.deepEqual(events, ["DCC_TRUST_LIST DCC_TRUST_LIST invalid", "DCC_TRUST_LIST DCC_TRUST_LIST invalid"]);
    assert.ok(trusts(sources, first) && !trusts(sources, second), "the list in force stays");
  } finally {
    closeSources(sources);
  }
});

test("a FIFO as a rule set's file is refused as not-regular; the sets in force stay, a good file after it is taken", async () => {
  const { rulesDir, sources, events } = await opened();
  try {
    const file = join(rulesDir, "activity", "1.json");
    const text = readFileSync(file, "utf8");
    rmSync(file);
    assert.equal(spawnSync("mkfifo", [file]).status, 0);
    await until(() => events.includes("RULES_DIR RULES_DIR not-regular"));
    assert.deepEqual([...sources.ruleSets.current().keys()], ["activity", "travel-FR"]);
    rmSync(file);
    writeFileSync(file, text);
    await until(() => events.at(-1) === "RULES_DIR ok");
    assert.deepEqual([...sources.ruleSets.current().keys()], ["activity", "travel-FR"]);
  } finally {
    closeSources(sources);
  }
});

test("at start a FIFO or a missing file stops the start with ERR_CONFIG naming the variable", async () => {
  const dir = mkdtempSync(join(tmpdir(), "verifier-sources-start-"));
  const fifo = join(dir, "fifo.json");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  const rulesDir = join(PROJECT_ROOT, "rules");
  for (const file of [fifo, join(dir, "none.json")]) {
    const opening = openSources({ trustBundleFile: undefined, dccTrustList: { kind: "gateway", file }, rulesDir });
    await assert.rejects(opening, { code: "ERR_CONFIG", field: "DCC_TRUST_LIST" });
  }
  const everyFifo = openSources({ trustBundleFile: fifo, dccTrustList: { kind: "gateway", file: fifo }, rulesDir: dir });
  await assert.rejects(everyFifo, { code: "ERR_CONFIG" });
});

test("a worker's sources: parsed from what the main thread read, posted (structured-cloned) at start and after each swap", async () => {
  const { dir, trustList, rulesDir, sources } = await opened();
  const posted: [SourceName, unknown][] = [];
  const unsubscribe = shareSources(sources, (name, raw) => posted.push([name, structuredClone(raw)]));
  try {
    const never = join(dir, "never-read.json"); // a worker reads no reloaded file: the main thread's bytes only
    const config = { trustBundleFile: undefined, dccTrustList: { kind: "gateway", file: never }, rulesDir } as const;
    const worker = pushedSources(config, structuredClone(sourceRaws(sources)));
    assert.ok(trusts(worker, first) && !trusts(worker, second));
    assert.deepEqual([...worker.ruleSets.current().keys()], ["activity", "travel-FR"]);
    writeFileSync(join(dir, "next.json"), listOf(first, second));
    renameSync(join(dir, "next.json"), trustList);
    await until(() => posted.length === 1);
    for (const [name, raw] of posted) worker.replace(name, raw);
    assert.ok(trusts(worker, second), "the worker verifies with the list swapped in on the main thread");
  } finally {
    unsubscribe();
    closeSources(sources);
  }
});
