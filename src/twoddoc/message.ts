// The message zone of the C40 form (ANTS 2D-Doc, message zone): a sequence of `DI value [terminator]` blocks.
//   fixed field     → exactly N chars, then an optional stray GS is skipped (TousAntiCovid's own regexes
//                     accept one after L2 and F4);
//   variable field  → up to GS, RS or the maximum length, whichever comes first; RS means the issuer cut
//                     the value (`truncated`); an empty value is `DI` + GS; the last field may end with GS
//                     right before US (that GS is signed).
// Only B2 and L1 of perimeter 01 are parsed; other documents keep `fields = {}` and are refused later.
import { TwoDDocError } from "../errors.js";
import { fieldDictionary, followsRule } from "./fields.js";
import type { FieldRule } from "./fields.js";
import type { FieldValue, Header } from "./types.js";

// Char codes, not one-char strings: indexing a string per character costs ~5× more (bench/2ddoc.ts).
const GS = 0x1d;
const RS = 0x1e;

interface Block {
  readonly value: string;
  readonly truncated: boolean;
  readonly next: number;
}

function readFixed(message: string, start: number, rule: FieldRule): Block {
  const end = start + rule.max;
  const value = message.slice(start, end);
  return { value, truncated: false, next: message.charCodeAt(end) === GS ? end + 1 : end };
}

function readVariable(message: string, start: number, rule: FieldRule): Block {
  const limit = Math.min(start + rule.max, message.length);
  let end = start;
  let terminator = message.charCodeAt(end);
  while (end < limit && terminator !== GS && terminator !== RS) terminator = message.charCodeAt(++end);
  // A value that exactly fills its maximum may still carry its terminator: consume it too.
  const ended = terminator === GS || terminator === RS;
  return { value: message.slice(start, end), truncated: terminator === RS, next: ended ? end + 1 : end };
}

/** A variable value stopped at its maximum with no terminator must be followed by a known DI;
 *  otherwise the value was longer than its maximum (blame that field, not the next "DI"). */
function overruns(message: string, block: Block, dictionary: ReadonlyMap<string, FieldRule>): boolean {
  const after = message.charCodeAt(block.next - 1);
  if (block.next >= message.length || after === GS || after === RS) return false;
  return !dictionary.has(message.slice(block.next, block.next + 2));
}

/** Parses the message zone (the data zone after the header, without US) of a B2 or L1 document. */
export function parseMessage(message: string, header: Header): Readonly<Record<string, FieldValue>> {
  const dictionary = fieldDictionary(header);
  if (dictionary === undefined) return Object.freeze({});
  const fields: Record<string, FieldValue> = {};
  let position = 0;
  while (position < message.length) {
    if (position + 2 > message.length) throw new TwoDDocError("ERR_2DDOC_MESSAGE", { field: "message" });
    const identifier = message.slice(position, position + 2);
    const rule = dictionary.get(identifier);
    // An identifier outside the dictionary is never named: two letters read where a DI should be may be
    // two letters of a name (a field overran its terminator). `field` names only known DIs or "message".
    if (rule === undefined) throw new TwoDDocError("ERR_2DDOC_FIELD", { field: "message" });
    if (Object.hasOwn(fields, identifier)) throw new TwoDDocError("ERR_2DDOC_MESSAGE", { field: identifier });
    const block = rule.fixed ? readFixed(message, position + 2, rule) : readVariable(message, position + 2, rule);
    if (!followsRule(block.value, rule) || (!rule.fixed && overruns(message, block, dictionary))) {
      throw new TwoDDocError("ERR_2DDOC_FIELD", { field: identifier });
    }
    fields[identifier] = Object.freeze({ value: block.value, truncated: block.truncated });
    position = block.next;
  }
  for (const identifier of dictionary.keys()) {
    // ANTS 2D-Doc Covid perimeter: every DI of B2 and L1 is mandatory.
    if (!Object.hasOwn(fields, identifier)) throw new TwoDDocError("ERR_2DDOC_MESSAGE", { field: identifier });
  }
  return Object.freeze(fields);
}
