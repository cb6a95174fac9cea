// Reading a 2D-DOC back when a laser reader in keyboard mode dropped its separators (contract §10, "Border
// portal"): the text keeps the header, the fields and the signature, but not GS, RS or US. The field rules give
// the places a separator may have stood (ANTS 2D-Doc, message zone: a variable value ends with GS — or RS when the
// issuer cut it at its maximum, or nothing when it fills its maximum or ends the message; a fixed value has no
// terminator but issuers left a stray GS after some, which is signed; US ends the message). Every reading that
// follows the rules is a candidate; the signature decides between them (signed bytes = text before US).
import { P256_SIGNATURE_CHARS } from "./signature-zone.js";
import { fieldDictionary, followsRule, type FieldRule } from "./fields.js";
import type { Header } from "./types.js";

const GS = "\x1d";
const RS = "\x1e";
const US = "\x1f";
const BASE32 = /^[A-Z2-7]*$/;
/** Readings tried at most: a name cannot multiply them past this (each costs one signature check). */
export const MAX_READINGS = 512;

export type ReadBack =
  | { readonly kind: "readings"; readonly readings: readonly string[] }
  /** The text is a correct beginning of a 2D-DOC that stops early: the scan was cut short. */
  | { readonly kind: "cut-short" }
  | { readonly kind: "unreadable" };

interface Walk {
  readonly message: string;
  readonly dictionary: ReadonlyMap<string, FieldRule>;
  readonly readings: string[];
  cutShort: boolean;
}

/** The terminators a value may have been followed by, the likeliest first. */
function terminators(rule: FieldRule, length: number, last: boolean): readonly string[] {
  if (rule.fixed) return ["", GS];
  if (length === rule.max) return last ? ["", GS, RS] : [GS, RS, ""];
  return last ? ["", GS] : [GS];
}

function isSignatureZone(rest: string): "whole" | "prefix" | "no" {
  const padded = rest.endsWith("=") ? rest.slice(0, -1) : rest;
  if (!BASE32.test(padded)) return "no";
  if (padded.length === P256_SIGNATURE_CHARS) return "whole";
  return padded.length < P256_SIGNATURE_CHARS && !rest.endsWith("=") ? "prefix" : "no";
}

function walk(state: Walk, position: number, seen: ReadonlySet<string>, built: string): void {
  if (state.readings.length >= MAX_READINGS) return;
  const { message, dictionary } = state;
  if (seen.size === dictionary.size) {
    const zone = isSignatureZone(message.slice(position));
    if (zone === "whole") state.readings.push(`${built}${US}${message.slice(position)}`);
    if (zone === "prefix") state.cutShort = true;
    return;
  }
  if (position + 2 > message.length) {
    state.cutShort = true;
    return;
  }
  const identifier = message.slice(position, position + 2);
  const rule = dictionary.get(identifier);
  if (rule === undefined || seen.has(identifier)) return;
  const next = new Set(seen).add(identifier);
  const last = next.size === dictionary.size;
  for (let length = rule.min; length <= rule.max; length += 1) {
    const end = position + 2 + length;
    if (end > message.length) {
      state.cutShort ||= followsRule(message.slice(position + 2), { ...rule, min: 0 });
      return;
    }
    const value = message.slice(position + 2, end);
    if (!followsRule(value, rule)) continue;
    // A variable value ends where the next unseen identifier (or, after the last field, the signature) starts.
    if (!rule.fixed && !last && !(dictionary.has(message.slice(end, end + 2)) && !next.has(message.slice(end, end + 2)))) continue;
    for (const terminator of terminators(rule, length, last)) {
      walk(state, end, next, `${built}${identifier}${value}${terminator}`);
    }
  }
}

/**
 * The candidate readings of a 2D-DOC whose separators were lost: `text` is the normalised scan, its header already
 * read. Each reading is a full 2D-DOC text with GS, RS and US in place, for the signature to decide.
 */
export function readBack(text: string, header: Header): ReadBack {
  const dictionary = fieldDictionary(header);
  if (dictionary === undefined) return { kind: "unreadable" };
  const stripped = text.replace(/[\x1d-\x1f]/g, "");
  const state: Walk = { message: stripped, dictionary, readings: [], cutShort: false };
  walk(state, header.length, new Set(), stripped.slice(0, header.length));
  if (state.readings.length > 0) return { kind: "readings", readings: state.readings };
  return state.cutShort ? { kind: "cut-short" } : { kind: "unreadable" };
}
