// The REVOCATION_LIST file (docs/revocation.md): one entry a line, `UCI:<base64>`, `COUNTRYCODEUCI:<base64>`
// (the EU hashes: 24 characters of RFC 4648 §4 base64 for 16 bytes) or `2DDOC:<64 hex digits>` (either case).
// Blank lines and lines starting with `#` are ignored; spaces, tabs and a CR around an entry too. Any other
// line refuses the whole file, naming its line number only (a line may hold a hash: never repeated).
// The last non-blank line is `# end <N>`, N the number of entries (service contract §8.2): a file emptied, cut
// short or caught mid-rewrite lacks it, or counts otherwise, and is refused (`REVOCATION_LIST end`) rather than
// taken for a shorter list that would un-revoke the rest.
// Parsed from the bytes, in two passes (count, then decode into presized stores), without a string per line.
import { ConfigError } from "../errors.js";
import { HashStoreBuilder, type HashStore } from "./hash-store.js";
import { HASH_TYPES, STORED_HASH_BYTES, type HashType } from "./hashes.js";

export type ListStores = Readonly<Record<HashType, HashStore>>;

// Module-local copies: imported bindings may be getters once transpiled (tsx), too slow for a per-line loop.
const TYPES: readonly HashType[] = [...HASH_TYPES];
const KEPT_BYTES = STORED_HASH_BYTES;
const PREFIXES = TYPES.map((type) => Buffer.from(`${type}:`, "latin1"));
/** Characters of the value after each prefix (same order as HASH_TYPES): base64 of 16 bytes, hex of 32. */
const VALUE_LENGTHS: readonly number[] = [24, 24, 64];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const SEXTET = new Int8Array(256).fill(-1);
for (let i = 0; i < BASE64.length; i++) SEXTET[BASE64.charCodeAt(i)] = i;
const NIBBLE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE["0123456789abcdef".charCodeAt(i)] = i;
  NIBBLE["0123456789ABCDEF".charCodeAt(i)] = i;
}

const LF = 0x0a;
const HASH_SIGN = 0x23;
const EQUALS = 0x3d;
const isBlank = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0d;

function refuse(line: number): never {
  throw new ConfigError("ERR_CONFIG", { field: `REVOCATION_LIST line ${line}` });
}

const END_FIELD = "REVOCATION_LIST end";
const END_PREFIX = Buffer.from("# end ", "latin1");
/** More digits than any list could need: the count stays an exact integer. */
const MAX_COUNT_DIGITS = 12;

/** The N of the last non-blank line, `# end <N>`; refuses the file when that line is anything else. */
function declaredCount(bytes: Uint8Array): number {
  let to = bytes.length;
  while (to > 0 && (isBlank(bytes[to - 1]) || bytes[to - 1] === LF)) to -= 1;
  let from = to;
  while (from > 0 && bytes[from - 1] !== LF) from -= 1;
  while (from < to && isBlank(bytes[from])) from += 1;
  const digits = to - from - END_PREFIX.length;
  if (digits < 1 || digits > MAX_COUNT_DIGITS) throw new ConfigError("ERR_CONFIG", { field: END_FIELD });
  for (let k = 0; k < END_PREFIX.length; k++)
    if (bytes[from + k] !== END_PREFIX[k]) throw new ConfigError("ERR_CONFIG", { field: END_FIELD });
  let count = 0;
  for (let i = from + END_PREFIX.length; i < to; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) throw new ConfigError("ERR_CONFIG", { field: END_FIELD });
    count = count * 10 + digit;
  }
  return count;
}

function checkCount(declared: number, read: number): void {
  if (declared !== read) throw new ConfigError("ERR_CONFIG", { field: END_FIELD });
}

/** The text of a list file: its entry lines, then the `# end <N>` line that makes it whole (what `revoke` writes). */
export function revocationListText(lines: readonly string[]): string {
  return `${lines.map((line) => `${line}\n`).join("")}# end ${lines.length}\n`;
}

/** The index in TYPES of the entry between `from` and `to`, by its prefix and length; -1 when none fits. */
function kindAt(bytes: Uint8Array, from: number, to: number): number {
  const first = bytes[from];
  const kind = first === 0x55 ? 0 : first === 0x43 ? 1 : first === 0x32 ? 2 : -1; // U, C, 2
  if (kind < 0) return -1;
  const prefix = PREFIXES[kind]!;
  if (to - from !== prefix.length + VALUE_LENGTHS[kind]!) return -1;
  for (let k = 1; k < prefix.length; k++) if (bytes[from + k] !== prefix[k]) return -1;
  return kind;
}

/** Where the decoding pass stands: the next line's first byte and the number of lines read. */
interface Cursor {
  offset: number;
  line: number;
}

/**
 * Calls `entry` for every entry line that starts before `until`, with its type and the start of its value, and
 * moves the cursor past them; throws on a bad line.
 */
function eachEntry(bytes: Uint8Array, cursor: Cursor, until: number, entry: (type: HashType, from: number, line: number) => void): void {
  let { offset: start, line } = cursor;
  const stop = Math.min(until, bytes.length);
  while (start < stop) {
    line += 1;
    let end = start;
    while (end < bytes.length && bytes[end] !== LF) end += 1; // a plain loop: cheaper than a native indexOf call a line
    let from = start;
    let to = end;
    while (from < to && isBlank(bytes[from])) from += 1;
    while (to > from && isBlank(bytes[to - 1])) to -= 1;
    if (from < to && bytes[from] !== HASH_SIGN) {
      const kind = kindAt(bytes, from, to);
      if (kind < 0) refuse(line);
      entry(TYPES[kind]!, from + PREFIXES[kind]!.length, line);
    }
    start = end + 1;
  }
  cursor.offset = Math.max(start, stop);
  cursor.line = line;
}

/** 24 characters of canonical base64 for 16 bytes: 22 significant characters, the last with 2 zero bits, then `==`. */
function decodeBase64(bytes: Uint8Array, from: number, out: Buffer): boolean {
  let bits = 0;
  let held = 0;
  let k = 0;
  for (let i = 0; i < 22; i++) {
    const value = SEXTET[bytes[from + i]!]!;
    if (value < 0) return false;
    held = (held << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (held >>> bits) & 0xff;
      held &= (1 << bits) - 1;
    }
  }
  return held === 0 && bytes[from + 22] === EQUALS && bytes[from + 23] === EQUALS;
}

/** 64 hex digits; the store keeps the first 16 bytes of the digest. */
function decodeHex(bytes: Uint8Array, from: number, out: Buffer): boolean {
  for (let i = 0; i < 64; i += 2) {
    const high = NIBBLE[bytes[from + i]!]!;
    const low = NIBBLE[bytes[from + i + 1]!]!;
    if (high < 0 || low < 0) return false;
    if (i < 2 * KEPT_BYTES) out[i / 2] = (high << 4) | low;
  }
  return true;
}

/**
 * An upper bound of each kind's entries, to size the stores before decoding: lines whose first byte (after blanks)
 * is that of a prefix (U, C, 2). One tight pass, resumable by slices; the decoding pass checks every line for real.
 */
interface Tally {
  readonly counts: [number, number, number];
  atLineStart: boolean;
}

function countCandidates(bytes: Uint8Array, from: number, to: number, tally: Tally): void {
  const { counts } = tally;
  let atStart = tally.atLineStart;
  for (let i = from; i < Math.min(to, bytes.length); i++) {
    const byte = bytes[i]!;
    if (byte === LF) atStart = true;
    else if (atStart && !isBlank(byte)) {
      atStart = false;
      if (byte === 0x55) counts[0] += 1;
      else if (byte === 0x43) counts[1] += 1;
      else if (byte === 0x32) counts[2] += 1;
    }
  }
  tally.atLineStart = atStart;
}

const newTally = (): Tally => ({ counts: [0, 0, 0], atLineStart: true });

interface Parse {
  readonly cursor: Cursor;
  /** Decodes the lines starting before byte `until`. */
  step(until: number): void;
  /** The decoded entries of each kind, to be sorted: the list is usable only from there, all at once. */
  readonly builders: Readonly<Record<HashType, HashStoreBuilder>>;
  /** Entries decoded so far, of every kind. */
  entries(): number;
}

function startParse(bytes: Uint8Array, tally: Tally): Parse {
  const [uci, countryCodeUci, document] = tally.counts;
  const builders = {
    UCI: new HashStoreBuilder(uci),
    COUNTRYCODEUCI: new HashStoreBuilder(countryCodeUci),
    "2DDOC": new HashStoreBuilder(document),
  };
  const scratch = Buffer.alloc(KEPT_BYTES);
  const cursor: Cursor = { offset: 0, line: 0 };
  let entries = 0;
  const decode = (type: HashType, from: number, line: number) => {
    if (!(type === "2DDOC" ? decodeHex(bytes, from, scratch) : decodeBase64(bytes, from, scratch))) refuse(line);
    builders[type].add(scratch);
    entries += 1;
  };
  return {
    cursor,
    step: (until) => eachEntry(bytes, cursor, until, decode),
    builders,
    entries: () => entries,
  };
}

/** The whole file at once (start-up, the command line). */
export function parseRevocationList(bytes: Uint8Array): ListStores {
  const declared = declaredCount(bytes);
  const tally = newTally();
  countCandidates(bytes, 0, bytes.length, tally);
  const { step, builders, entries } = startParse(bytes, tally);
  step(bytes.length);
  checkCount(declared, entries());
  return { UCI: builders.UCI.build(), COUNTRYCODEUCI: builders.COUNTRYCODEUCI.build(), "2DDOC": builders["2DDOC"].build() };
}

/** About 25,000 lines: a few milliseconds of decoding between two turns of the event loop. */
const SLICE_BYTES = 1024 * 1024;
/** Counting is a byte loop and nothing else: larger slices. */
const COUNT_SLICE_BYTES = 8 * SLICE_BYTES;

/**
 * The same, decoding one slice at a time and letting the event loop run in between, so that a service reloading a
 * list of millions of entries keeps answering (docs/revocation.md, "Reloading").
 */
export async function parseRevocationListInSlices(
  bytes: Uint8Array,
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<ListStores> {
  const declared = declaredCount(bytes);
  const tally = newTally();
  for (let from = 0; from < bytes.length; from += COUNT_SLICE_BYTES) {
    countCandidates(bytes, from, from + COUNT_SLICE_BYTES, tally);
    await pause();
  }
  const { cursor, step, builders, entries } = startParse(bytes, tally);
  while (cursor.offset < bytes.length) {
    step(cursor.offset + SLICE_BYTES);
    await pause();
  }
  checkCount(declared, entries());
  return {
    UCI: await builders.UCI.buildInSlices(pause),
    COUNTRYCODEUCI: await builders.COUNTRYCODEUCI.buildInSlices(pause),
    "2DDOC": await builders["2DDOC"].buildInSlices(pause),
  };
}
