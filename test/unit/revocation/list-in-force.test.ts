// Reloading REVOCATION_LIST: an in-place rewrite and a `..data` symlink swap are both seen; a file that does not
// parse, or vanishes, keeps the list in force and is reported once per version; a bad file at start is refused;
// `share` hands the stores in force to its listeners at once and after each swap, never after a refusal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { randomUvci } from "../../../src/dcc/uvci.js";
import { isRevokedIn, storesFromShared, type SharedListStores } from "../../../src/revocation/revocation-list.js";
import { openRevocationList, type ReloadObserver } from "../../../src/revocation/list-in-force.js";
import { sha256 } from "../../support/upload-pki.js";

const entry = (uvci: string) => `UCI:${sha256(uvci).subarray(0, 16).toString("base64")}`;
/** A whole list file: its entries and the `# end <N>` line (docs/revocation.md). */
const listOf = (...uvcis: string[]) => `${uvcis.map((uvci) => `${entry(uvci)}\n`).join("")}# end ${uvcis.length}\n`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
/** Waits until `condition` holds (the watcher polls every 20 ms here; 3 s leaves room on a loaded machine). */
async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
    if (condition()) return;
    await settle();
  }
  assert.fail("not reloaded");
}

function recorder() {
  const events: string[] = [];
  const observer: ReloadObserver = {
    loaded: (entries) => events.push(`ok ${entries.UCI}`),
    refused: (place) => events.push(`failed ${place}`),
  };
  return { events, observer };
}

test("an in-place rewrite is re-read; a broken or vanished file keeps the list, reported once per version", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-"));
  const path = join(dir, "list.txt");
  const [a, b] = [randomUvci(), randomUvci()];
  writeFileSync(path, listOf(a));
  const list = await openRevocationList(path);
  const { events, observer } = recorder();
  list.watch(observer, 20);
  try {
    assert.equal(list.isRevoked({ uvci: a }), true);
    writeFileSync(path, listOf(a, b));
    await until(() => list.isRevoked({ uvci: b }));
    writeFileSync(path, `${entry(a)}\nUCI:broken\n# end 2\n`);
    await until(() => events.length === 2);
    assert.equal(list.isRevoked({ uvci: b }), true, "the previous list stays in force");
    rmSync(path);
    await until(() => events.length === 3);
    await settle();
    assert.equal(list.isRevoked({ uvci: a }), true);
    assert.deepEqual(events, ["ok 2", "failed REVOCATION_LIST line 2", "failed REVOCATION_LIST"]);
  } finally {
    list.close();
  }
});

test("a Kubernetes ConfigMap update (the ..data symlink swapped) is re-read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-k8s-"));
  const roll = (version: string, text: string) => {
    mkdirSync(join(dir, version));
    writeFileSync(join(dir, version, "list.txt"), text);
    symlinkSync(version, join(dir, "..data_tmp"));
    renameSync(join(dir, "..data_tmp"), join(dir, "..data"));
  };
  const uvci = randomUvci();
  roll("..v1", "# empty\n# end 0\n");
  symlinkSync("..data/list.txt", join(dir, "list.txt"));
  const list = await openRevocationList(join(dir, "list.txt"));
  const { events, observer } = recorder();
  list.watch(observer, 20);
  try {
    assert.equal(list.isRevoked({ uvci }), false);
    roll("..v2", listOf(uvci));
    await until(() => list.isRevoked({ uvci }));
    assert.deepEqual(events, ["ok 1"]);
  } finally {
    list.close();
  }
});

test("share: the stores in force at once, again right after each swap, not after a refused file nor once unsubscribed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-share-"));
  const path = join(dir, "list.txt");
  const [a, b, c] = [randomUvci(), randomUvci(), randomUvci()];
  writeFileSync(path, listOf(a));
  const list = await openRevocationList(path);
  const { events, observer } = recorder();
  const kept: SharedListStores[] = [];
  const dropped: SharedListStores[] = [];
  const unsubscribeKept = list.share((stores) => kept.push(stores));
  const unsubscribe = list.share((stores) => dropped.push(stores));
  assert.equal(kept.length, 1, "called at once");
  assert.equal(isRevokedIn(storesFromShared(kept[0]!), { uvci: a }), true, "with the list in force");
  list.watch(observer, 20);
  try {
    writeFileSync(path, listOf(a, b));
    await until(() => list.isRevoked({ uvci: b }));
    assert.deepEqual([kept.length, dropped.length], [2, 2], "right after the swap");
    assert.equal(isRevokedIn(storesFromShared(kept[1]!), { uvci: b }), true, "with the new list");
    writeFileSync(path, `${entry(c)}\nUCI:broken\n# end 2\n`);
    await until(() => events.length === 2);
    await settle();
    assert.deepEqual(events, ["ok 2", "failed REVOCATION_LIST line 2"]);
    assert.equal(kept.length, 2, "a refused file is not shared");
    unsubscribe();
    writeFileSync(path, listOf(c));
    await until(() => list.isRevoked({ uvci: c }));
    assert.deepEqual([kept.length, dropped.length], [3, 2], "the unsubscribed listener is not called again");
    assert.equal(isRevokedIn(storesFromShared(kept[2]!), { uvci: b }), false);
  } finally {
    unsubscribeKept();
    list.close();
  }
});

test("unreadable or invalid at start: ConfigError naming REVOCATION_LIST (and the line)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-start-"));
  writeFileSync(join(dir, "bad.txt"), "# fine\nUCI:x\n# end 1\n");
  await assert.rejects(openRevocationList(join(dir, "bad.txt")), { code: "ERR_CONFIG", field: "REVOCATION_LIST line 2" });
  await assert.rejects(openRevocationList(join(dir, "missing.txt")), { code: "ERR_CONFIG", field: "REVOCATION_LIST" });
});

// Regression: pointed at a FIFO, the reload waited forever (nothing logged, later changes ignored, a thread blocked).
test("a FIFO at the path is refused at once as not-regular; a good list written after it takes effect", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-fifo-"));
  const path = join(dir, "list.txt");
  const [a, b] = [randomUvci(), randomUvci()];
  writeFileSync(path, listOf(a));
  const list = await openRevocationList(path);
  const events: string[] = [];
  list.watch(
    { loaded: (entries) => events.push(`ok ${entries.UCI}`), refused: (place, reason) => events.push(`failed ${place} ${reason}`) },
    20,
  );
  try {
    rmSync(path);
    assert.equal(spawnSync("mkfifo", [path]).status, 0);
    await until(() => events.includes("failed REVOCATION_LIST not-regular"));
    assert.equal(list.isRevoked({ uvci: a }), true, "the list in force stays");
    rmSync(path);
    writeFileSync(path, listOf(a, b));
    await until(() => list.isRevoked({ uvci: b }));
    assert.equal(events.at(-1), "ok 2");
  } finally {
    list.close();
  }
});

test("an emptied file, or one cut at a line end, keeps the list in force (`REVOCATION_LIST end`)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-empty-"));
  const path = join(dir, "list.txt");
  const [a, b] = [randomUvci(), randomUvci()];
  writeFileSync(path, listOf(a, b));
  const list = await openRevocationList(path);
  const { events, observer } = recorder();
  list.watch(observer, 20);
  try {
    writeFileSync(path, "");
    await until(() => events.length === 1);
    writeFileSync(path, `${entry(a)}\n`);
    await until(() => events.length === 2);
    assert.deepEqual(events, ["failed REVOCATION_LIST end", "failed REVOCATION_LIST end"]);
    assert.equal(list.isRevoked({ uvci: b }), true, "nothing un-revoked");
  } finally {
    list.close();
  }
});
