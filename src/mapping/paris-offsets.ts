// The Europe/Paris UTC offset at an instant, from the runtime's tz database (Intl).
// Asking Intl costs a few microseconds and a sampling time needs four answers, so the transitions of
// 2000–2099 (every Covid document's sampling time) are computed once, at load (or on first use), looked up by
// binary search. The table depends on the tz database only, never on a document: no trace of any
// sample time stays in memory (the service never keeps or logs content). Instants outside the range ask Intl directly.
const OFFSET_NAME = /^GMT(?:([+-])(\d{2}):(\d{2})(:\d{2})?)?$/;
const MINUTE_MS = 60_000;
const RANGE_START = Date.UTC(2000, 0, 1);
const RANGE_END = Date.UTC(2100, 0, 1);

const PARIS = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** Intl's answer in minutes; null when it is not a whole minute (Paris Mean Time, before 1911). */
export function askParisOffset(instant: number): number | null {
  const name = PARIS.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "";
  const match = OFFSET_NAME.exec(name);
  if (match === null) throw new TypeError("unexpected Intl time-zone name");
  if (match[4] !== undefined) return null;
  const minutes = Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

interface Transitions {
  /** Instants from which `offsets[i]` applies, ascending; `starts[0]` = RANGE_START. */
  readonly starts: readonly number[];
  readonly offsets: readonly number[];
}

function wholeMinutes(instant: number): number {
  const offset = askParisOffset(instant);
  if (offset === null) throw new TypeError("Europe/Paris offset is not whole minutes in 2000–2099");
  return offset;
}

/** The first minute in (after, until] whose offset is no longer `before` (one change per month at most). */
function findChange(after: number, until: number, before: number): number {
  let [lo, hi] = [after, until];
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wholeMinutes(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function buildTransitions(): Transitions {
  const starts = [RANGE_START];
  const offsets = [wholeMinutes(RANGE_START)];
  let previous = RANGE_START;
  for (let monthIndex = 1; monthIndex <= 1200; monthIndex++) {
    const next = Date.UTC(2000, monthIndex, 1);
    const offset = wholeMinutes(next);
    const current = offsets[offsets.length - 1] ?? offset;
    if (offset !== current) {
      starts.push(findChange(previous, next, current));
      offsets.push(offset);
    }
    previous = next;
  }
  return Object.freeze({ starts: Object.freeze(starts), offsets: Object.freeze(offsets) });
}

let transitions: Transitions | undefined;

/** Builds the transition table now (≈ 30 ms), so that the first conversion does not pay for it. */
export function prepareParisOffsets(): void {
  transitions ??= buildTransitions();
}

/** The Paris offset in minutes at an instant (null: not a whole minute, only before 1911). */
export function parisOffsetAt(instant: number): number | null {
  if (instant < RANGE_START || instant >= RANGE_END) return askParisOffset(instant);
  transitions ??= buildTransitions();
  const { starts, offsets } = transitions;
  let [lo, hi] = [0, starts.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? Infinity) <= instant) lo = mid;
    else hi = mid - 1;
  }
  return offsets[lo] ?? null;
}
