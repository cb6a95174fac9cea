// A compact set of 128-bit hashes: one Uint32Array of 4 words a hash, sorted, with a bucket index on the top
// bits of the first word. 16 bytes an entry plus at most 4 bytes a bucket: 5 million hashes take about 80 MiB,
// where a Set of strings would take several times that. Lookups find the bucket in O(1) and search it by
// bisection (O(log n) even if the hashes were not uniform; SHA-256 output is, so buckets hold a few entries).
// Words are read little-endian: any fixed order works, as long as building and searching use the same one.
// A built store's two arrays live on SharedArrayBuffers, so the conversion worker threads read the list in force
// without a copy (docs/revocation.md, "Inside"): `shareStore` describes them, `storeFromShared` reads them again.

const WORDS = 4;
const MAX_BUCKET_BITS = 20;

export interface HashStore {
  readonly size: number;
  has(hash: Uint8Array): boolean;
}

/** Collects hashes (16 bytes each) before the one sort. */
export class HashStoreBuilder {
  private words: Uint32Array;
  private count = 0;

  constructor(capacity: number) {
    this.words = new Uint32Array(Math.max(capacity, 1) * WORDS);
  }

  add(bytes: Uint8Array): void {
    if (this.count * WORDS === this.words.length) throw new TypeError("hash store capacity exceeded");
    readWords(bytes, this.words, this.count * WORDS);
    this.count += 1;
  }

  build(): HashStore {
    const plan = scatter(this.words.subarray(0, this.count * WORDS), this.count);
    sortBuckets(plan, 0, plan.starts.length - 1);
    return plan.store();
  }

  /** The same, sorting BUCKETS_PER_SLICE buckets at a time with a `pause` in between (reloads, docs/revocation.md). */
  async buildInSlices(pause: () => Promise<void>): Promise<HashStore> {
    const plan = scatter(this.words.subarray(0, this.count * WORDS), this.count);
    const buckets = plan.starts.length - 1;
    for (let from = 0; from < buckets; from += BUCKETS_PER_SLICE) {
      await pause();
      sortBuckets(plan, from, Math.min(buckets, from + BUCKETS_PER_SLICE));
    }
    return plan.store();
  }
}

/** About 300,000 entries of a 5-million list: tens of milliseconds of sorting. */
const BUCKETS_PER_SLICE = 1 << 16;

/** The 16 bytes of a hash as 4 little-endian words (no DataView: this runs for every entry and every lookup). */
function readWords(bytes: Uint8Array, into: Uint32Array, at: number): void {
  for (let w = 0; w < WORDS; w++) {
    const b = w * 4;
    into[at + w] = (bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24)) >>> 0;
  }
}

function copyEntry(from: Uint32Array, entry: number, to: Uint32Array, at: number): void {
  for (let w = 0; w < WORDS; w++) to[at * WORDS + w] = from[entry * WORDS + w]!;
}

function bucketBitsFor(count: number): number {
  if (count < 64) return 0;
  return Math.min(MAX_BUCKET_BITS, Math.floor(Math.log2(count)) - 2);
}

/** Word-wise comparison of entry `a` of `xs` with entry `b` of `ys`. */
function compare(xs: Uint32Array, a: number, ys: Uint32Array, b: number): number {
  for (let w = 0; w < WORDS; w++) {
    const x = xs[a * WORDS + w]!;
    const y = ys[b * WORDS + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Built where it stays: a store is never copied to be shared. */
const sharedWords = (length: number) => new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));

/** Entries grouped by bucket (counting sort), each bucket still to be sorted on its own. */
interface SortPlan {
  readonly sorted: Uint32Array;
  readonly starts: Uint32Array;
  store(): HashStore;
}

function scatter(input: Uint32Array, count: number): SortPlan {
  const bits = bucketBitsFor(count);
  const shift = 32 - bits;
  const bucketOf = (first: number) => (bits === 0 ? 0 : first >>> shift);
  const starts = sharedWords((1 << bits) + 1);
  for (let i = 0; i < count; i++) starts[bucketOf(input[i * WORDS]!) + 1]! += 1;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const sorted = sharedWords(count * WORDS);
  const next = starts.slice(0, starts.length - 1);
  for (let i = 0; i < count; i++) {
    copyEntry(input, i, sorted, next[bucketOf(input[i * WORDS]!)]!++);
  }
  return { sorted, starts, store: () => new SortedHashStore(sorted, starts, bits, count) };
}

function sortBuckets(plan: SortPlan, from: number, to: number): void {
  for (let b = from; b < to; b++) sortRange(plan.sorted, plan.starts[b]!, plan.starts[b + 1]!);
}

function sortRange(words: Uint32Array, from: number, to: number): void {
  if (to - from < 2) return;
  if (to - from <= 32) {
    insertionSort(words, from, to);
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => compare(words, a, words, b));
  const copy = new Uint32Array((to - from) * WORDS);
  order.forEach((entry, k) => copyEntry(words, entry, copy, k));
  words.set(copy, from * WORDS);
}

const held = new Uint32Array(WORDS);

function insertionSort(words: Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    copyEntry(words, i, held, 0);
    let j = i - 1;
    while (j >= from && compare(words, j, held, 0) > 0) {
      copyEntry(words, j, words, j + 1);
      j -= 1;
    }
    copyEntry(held, 0, words, j + 1);
  }
}

class SortedHashStore implements HashStore {
  private readonly probe = new Uint32Array(WORDS);

  constructor(
    readonly words: Uint32Array,
    readonly starts: Uint32Array,
    readonly bits: number,
    readonly size: number,
  ) {}

  has(hash: Uint8Array): boolean {
    if (this.size === 0) return false;
    readWords(hash, this.probe, 0);
    const bucket = this.bits === 0 ? 0 : this.probe[0]! >>> (32 - this.bits);
    let low = this.starts[bucket]!;
    let high = this.starts[bucket + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = compare(this.words, middle, this.probe, 0);
      if (order === 0) return true;
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return false;
  }
}

export const EMPTY_STORE: HashStore = new HashStoreBuilder(0).build();

/**
 * A built store as plain data for `postMessage` (structured clone): the SharedArrayBuffers of its sorted entries
 * and of its bucket index are shared, not copied, so every thread reads the same memory.
 */
export interface SharedHashStore {
  readonly words: SharedArrayBuffer;
  readonly starts: SharedArrayBuffer;
  readonly bits: number;
  readonly size: number;
}

export function shareStore(store: HashStore): SharedHashStore {
  if (!(store instanceof SortedHashStore)) throw new TypeError("not a built hash store");
  return { words: sharedBuffer(store.words), starts: sharedBuffer(store.starts), bits: store.bits, size: store.size };
}

function sharedBuffer(words: Uint32Array): SharedArrayBuffer {
  const { buffer } = words;
  if (!(buffer instanceof SharedArrayBuffer)) throw new TypeError("hash store not in shared memory");
  return buffer;
}

/** The same store over the same memory (zero copy); a description that does not fit together is a programmer error. */
export function storeFromShared(shared: SharedHashStore): HashStore {
  const { words, starts, bits, size } = shared;
  const fits =
    Number.isInteger(bits) &&
    bits >= 0 &&
    bits <= MAX_BUCKET_BITS &&
    Number.isInteger(size) &&
    size >= 0 &&
    words.byteLength === size * WORDS * Uint32Array.BYTES_PER_ELEMENT &&
    starts.byteLength === ((1 << bits) + 1) * Uint32Array.BYTES_PER_ELEMENT;
  if (!fits) throw new TypeError("shared hash store does not fit together");
  return new SortedHashStore(new Uint32Array(words), new Uint32Array(starts), bits, size);
}
