// Reloading REVOCATION_LIST: an in-place rewrite and a `..data` symlink swap are both seen; a file that does not
// parse, or vanishes, keeps the list in force and is reported once per version; a bad file at start is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUvci } from "../../../src/dcc/uvci.js";
import { openRevocationList, type ReloadObserver } from "../../../src/revocation/watch-list.js";
import { sha256 } from "../../support/upload-pki.js";

const line = (uvci: string) => `UCI:${sha256(uvci).subarray(0, 16).toString("base64")}\n`;
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
  const observer: ReloadObserver = { loaded: (entries) => events.push(`ok ${entries.UCI}`), refused: (place) => events.push(`failed ${place}`) };
  return { events, observer };
}

test("an in-place rewrite is re-read; a broken or vanished file keeps the list, reported once per version", async () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-"));
  const path = join(dir, "list.txt");
  const [a, b] = [randomUvci(), randomUvci()];
  writeFileSync(path, line(a));
  const list = openRevocationList(path);
  const { events, observer } = recorder();
  list.watch(observer, 20);
  try {
    assert.equal(list.isRevoked({ uvci: a }), true);
    writeFileSync(path, `${line(a)}${line(b)}`);
    await until(() => list.isRevoked({ uvci: b }));
    writeFileSync(path, `${line(a)}UCI:broken\n`);
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
  roll("..v1", "# empty\n");
  symlinkSync("..data/list.txt", join(dir, "list.txt"));
  const list = openRevocationList(join(dir, "list.txt"));
  const { events, observer } = recorder();
  list.watch(observer, 20);
  try {
    assert.equal(list.isRevoked({ uvci }), false);
    roll("..v2", line(uvci));
    await until(() => list.isRevoked({ uvci }));
    assert.deepEqual(events, ["ok 1"]);
  } finally {
    list.close();
  }
});

test("unreadable or invalid at start: ConfigError naming REVOCATION_LIST (and the line)", () => {
  const dir = mkdtempSync(join(tmpdir(), "watch-start-"));
  writeFileSync(join(dir, "bad.txt"), "# fine\nUCI:x\n");
  assert.throws(() => openRevocationList(join(dir, "bad.txt")), { code: "ERR_CONFIG", field: "REVOCATION_LIST line 2" });
  assert.throws(() => openRevocationList(join(dir, "missing.txt")), { code: "ERR_CONFIG", field: "REVOCATION_LIST" });
});
