// The list in force shared with worker threads: stores built from a generated REVOCATION_LIST, posted through a real
// worker thread and a MessageChannel, rebuilt on the other side over the same SharedArrayBuffers (no copy), answer
// every lookup as the original does; a check in a worker is empty until given stores, then follows `replace`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { MessageChannel, Worker } from "node:worker_threads";
import { randomUvci } from "../../../src/dcc/uvci.js";
import { EMPTY_STORE, HashStoreBuilder, shareStore, storeFromShared, type HashStore } from "../../../src/revocation/hash-store.js";
import { countryCodeUciDigest, documentDigest, HASH_TYPES, uciDigest, type HashType } from "../../../src/revocation/hashes.js";
import { parseRevocationList } from "../../../src/revocation/list-file.js";
import {
  createSharedRevocationCheck,
  shareStores,
  storesFromShared,
  type RevocationSubject,
  type SharedListStores,
} from "../../../src/revocation/revocation-list.js";
import { emptyRevocationList } from "../../../src/revocation/list-in-force.js";
import { euHash } from "../../support/revocation-specimens.js";
import { sha256 } from "../../support/upload-pki.js";

const DOCUMENTS = 300; // of each kind: enough for a bucket index (bits > 0)

/** A REVOCATION_LIST with DOCUMENTS entries of each kind, each for a different certificate or document. */
function generatedList() {
  const byUci = Array.from({ length: DOCUMENTS }, () => randomUvci());
  const byCountryCodeUci = Array.from({ length: DOCUMENTS }, () => randomUvci());
  const zones = Array.from({ length: DOCUMENTS }, (_, i) => Buffer.from(`DC04FR03AV01L1SPECIMEN${i}`, "latin1"));
  const text = [
    "# generated",
    ...byUci.map((uvci) => `UCI:${euHash(uvci)}`),
    ...byCountryCodeUci.map((uvci) => `COUNTRYCODEUCI:${euHash(`FR${uvci}`)}`),
    ...zones.map((zone) => `2DDOC:${sha256(zone).toString("hex")}`),
    `# end ${3 * DOCUMENTS}`,
  ].join("\n");
  const stores = parseRevocationList(Buffer.from(text));
  const revoked: RevocationSubject[] = [
    ...byUci.map((uvci) => ({ uvci })),
    ...byCountryCodeUci.map((uvci) => ({ uvci })),
    ...zones.map((sourceBytes) => ({ uvci: randomUvci(), sourceBytes })),
  ];
  const absent: RevocationSubject[] = Array.from({ length: DOCUMENTS }, (_, i) => ({
    uvci: randomUvci(),
    sourceBytes: Buffer.from(`DC04FR03AV01L1OTHER${i}`, "latin1"),
  }));
  return { stores, revoked, absent };
}

/** Each kind's digest of every subject, present or not: the probes of `has`. */
function probesOf(subjects: readonly RevocationSubject[]): [HashType, Uint8Array][] {
  return subjects.flatMap((s): [HashType, Uint8Array][] => [
    ["UCI", uciDigest(s.uvci ?? "")],
    ["COUNTRYCODEUCI", countryCodeUciDigest(s.uvci ?? "")],
    ["2DDOC", documentDigest(s.sourceBytes ?? Buffer.alloc(0))],
  ]);
}

// The other side: a real worker thread on the sources (tsx registered inside it, as src/workers/thread-client.ts does).
const WORKER = `
const { parentPort } = require("node:worker_threads");
import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((api) => { api.register(); return import(${JSON.stringify(import.meta.resolve("../../../src/revocation/revocation-list.ts"))}); })
  .then(({ createSharedRevocationCheck, storesFromShared }) => {
    const check = createSharedRevocationCheck();
    let stores;
    parentPort.on("message", ({ replace, probes, subjects }) => {
      if (replace !== undefined) {
        stores = storesFromShared(replace);
        check.replace(replace);
      }
      parentPort.postMessage({
        has: probes.map(([type, hash]) => stores[type].has(hash)),
        revoked: subjects.map((subject) => check.isRevoked(subject)),
      });
    });
    parentPort.postMessage("ready");
  });
`;

interface Answer {
  has: boolean[];
  revoked: boolean[];
}

async function ask(
  worker: Worker,
  message: { replace?: SharedListStores; probes: [HashType, Uint8Array][]; subjects: RevocationSubject[] },
): Promise<Answer> {
  worker.postMessage(message);
  const [answer] = (await once(worker, "message")) as [Answer];
  return answer;
}

test("posted to a worker thread and rebuilt there: the same answers as the original, over the same memory", async () => {
  const { stores, revoked, absent } = generatedList();
  const subjects = [...revoked, ...absent];
  const probes = probesOf(subjects);
  const worker = new Worker(WORKER, { eval: true, execArgv: [] });
  try {
    await once(worker, "message");
    const before = await ask(worker, { probes: [], subjects });
    assert.ok(
      before.revoked.every((answer) => !answer),
      "empty until the first replace",
    );

    const answer = await ask(worker, { replace: shareStores(stores), probes, subjects });
    assert.deepEqual(
      answer.revoked,
      subjects.map((_, i) => i < revoked.length),
      "revoked subjects, then absent ones",
    );
    assert.deepEqual(
      answer.has,
      probes.map(([type, hash]) => stores[type].has(hash)),
      "has: as the original",
    );
    assert.equal(answer.has.filter(Boolean).length, revoked.length, "one kind's hash present for each revoked subject");

    // Zero copy: the first entry of the sorted UCI store, rewritten here (to zeros: still in order), is rewritten there.
    const words = new Uint32Array(shareStore(stores.UCI).words);
    const first = Buffer.from(new Uint8Array(words.buffer, 0, 16)); // little-endian words: the hash's own bytes
    const zeros = Buffer.alloc(16);
    const firstAndZeros = async () =>
      (
        await ask(worker, {
          probes: [
            ["UCI", first],
            ["UCI", zeros],
          ],
          subjects: [],
        })
      ).has;
    assert.deepEqual(await firstAndZeros(), [true, false]);
    words.fill(0, 0, 4);
    assert.deepEqual(await firstAndZeros(), [false, true]);
    assert.equal(stores.UCI.has(first), false, "the original reads the same memory");
  } finally {
    await worker.terminate();
  }
});

test("through a MessageChannel: SharedArrayBuffers arrive as views of the same memory, and the rebuilt check follows replace", async () => {
  const { stores, revoked, absent } = generatedList();
  const shared = shareStores(stores);
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(shared);
    const [received] = (await once(port2, "message")) as [SharedListStores];
    for (const type of HASH_TYPES) {
      assert.ok(received[type].words instanceof SharedArrayBuffer, `${type}: entries in shared memory`);
      assert.ok(received[type].starts instanceof SharedArrayBuffer, `${type}: bucket index in shared memory`);
      const mine = new Uint8Array(shared[type].starts);
      const theirs = new Uint8Array(received[type].starts);
      const saved = mine[0]!;
      theirs[0] = saved ^ 0xff;
      assert.equal(mine[0], saved ^ 0xff, `${type}: a byte written through one is seen through the other`);
      mine[0] = saved;
    }
    const check = createSharedRevocationCheck(received);
    for (const subject of revoked) assert.equal(check.isRevoked(subject), true);
    for (const subject of absent) assert.equal(check.isRevoked(subject), false);
    const other = generatedList();
    check.replace(shareStores(other.stores));
    assert.equal(check.isRevoked(revoked[0]!), false, "the previous stores are no longer asked");
    assert.equal(check.isRevoked(other.revoked[0]!), true);
  } finally {
    port1.close();
  }
});

test("the empty store and the empty list are shareable; a shared description that does not fit is a TypeError", () => {
  const empty = storeFromShared(shareStore(EMPTY_STORE));
  assert.equal(empty.size, 0);
  assert.equal(empty.has(randomBytes(16)), false);
  const calls: SharedListStores[] = [];
  const unsubscribe = emptyRevocationList().share((stores) => calls.push(stores));
  unsubscribe();
  assert.equal(calls.length, 1, "called once, at once");
  const fromEmpty = storesFromShared(calls[0]!);
  for (const type of HASH_TYPES) {
    assert.ok(calls[0]![type].words instanceof SharedArrayBuffer);
    assert.equal(fromEmpty[type].size, 0);
  }
  assert.equal(createSharedRevocationCheck(calls[0]).isRevoked({ uvci: randomUvci(), sourceBytes: randomBytes(40) }), false);

  const builder = new HashStoreBuilder(100);
  for (let i = 0; i < 100; i++) builder.add(randomBytes(16));
  const shared = shareStore(builder.build());
  assert.throws(() => storeFromShared({ ...shared, size: 99 }), TypeError);
  assert.throws(() => storeFromShared({ ...shared, bits: shared.bits + 1 }), TypeError);
  const notBuilt: HashStore = { size: 0, has: () => false };
  assert.throws(() => shareStore(notBuilt), TypeError);
});
