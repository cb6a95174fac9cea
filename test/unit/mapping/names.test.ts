// Names as printed and ICAO 9303 transliteration (DCC JSON schema 1.3.x `nam`;
// ICAO Doc 9303 Part 3 §6; names.ts, transliterate.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { dccVersionFor, mapNames } from "../../../src/mapping/names.js";
import { transliterate } from "../../../src/mapping/transliterate.js";

const l1 = (family: string, given: string) => mapNames({ family, given, familyDi: "L0", givenDi: "L1" });

test("ICAO 9303: separators become one <, apostrophes vanish, slashes between first names become <", () => {
  assert.equal(transliterate("JEAN LOUIS/EDOUARD"), "JEAN<LOUIS<EDOUARD");
  assert.equal(transliterate("D'ARTAGNAN"), "DARTAGNAN");
  assert.equal(transliterate("JEAN-PIERRE"), "JEAN<PIERRE");
  assert.equal(transliterate("AZAY LE RIDEAU"), "AZAY<LE<RIDEAU");
  assert.equal(transliterate("SPECIMEN  -  DE LA   TOUR"), "SPECIMEN<DE<LA<TOUR"); // runs collapse
  assert.equal(transliterate(" -MARIE- "), "MARIE"); // no leading or trailing filler
  assert.equal(transliterate("ST. CLAIR 2"), "ST<CLAIR"); // dots and digits are dropped
  assert.equal(transliterate("o'neil"), "ONEIL"); // upper case
});

test("ICAO 9303 Part 3 §6 diacritics table", () => {
  assert.equal(transliterate("ÉLODIE"), "ELODIE");
  assert.equal(transliterate("FRANÇOIS"), "FRANCOIS");
  assert.equal(transliterate("HÉLOÏSE"), "HELOISE");
  assert.equal(transliterate("CŒUR"), "COEUR");
  assert.equal(transliterate("LÆTITIA"), "LAETITIA");
  assert.equal(transliterate("MÜLLER"), "MUELLER");
  assert.equal(transliterate("Jiřina-Maria Alena"), "JIRINA<MARIA<ALENA");
  assert.equal(transliterate("d'Červenková Panklová"), "DCERVENKOVA<PANKLOVA");
  assert.equal(transliterate("STRAßE"), "STRASSE");
  assert.equal(transliterate("ÅSA ØRN"), "AASA<OERN");
});

test("a transliteration never exceeds 80 characters and never ends with a filler", () => {
  const long = `${"A".repeat(79)} ${"B".repeat(10)}`;
  assert.equal(transliterate(long), "A".repeat(79));
  assert.equal(transliterate("Œ".repeat(50)).length, 80);
  assert.match(transliterate("É-È Ê/Ë,À"), /^[A-Z<]*$/);
});

test("names as printed (trimmed), several first names joined by a space; fnt/gnt by ICAO", () => {
  assert.deepEqual(mapNames({ family: " DUPOND ", given: "JEAN LOUIS/EDOUARD", familyDi: "F1", givenDi: "F0" }), {
    fn: "DUPOND",
    fnt: "DUPOND",
    gn: "JEAN LOUIS EDOUARD",
    gnt: "JEAN<LOUIS<EDOUARD",
  });
  assert.deepEqual(l1("SPECIMEN D'ARTAGNAN", "JEAN-PIERRE"), {
    fn: "SPECIMEN D'ARTAGNAN",
    fnt: "SPECIMEN<DARTAGNAN",
    gn: "JEAN-PIERRE",
    gnt: "JEAN<PIERRE",
  });
  assert.deepEqual(l1("SPECIMEN", "ANNE/ /MARIE/"), { fn: "SPECIMEN", fnt: "SPECIMEN", gn: "ANNE MARIE", gnt: "ANNE<MARIE" });
});

test("an empty first-name field gives no gn/gnt; an empty family name gives no fn/fnt", () => {
  assert.deepEqual(mapNames({ family: "SPECIMEN NOM", given: "", familyDi: "F1", givenDi: "F0" }), {
    fn: "SPECIMEN NOM",
    fnt: "SPECIMEN<NOM",
  });
  assert.deepEqual(l1("", "CAMILLE"), { gn: "CAMILLE", gnt: "CAMILLE" });
  assert.deepEqual(l1("SPECIMEN", " / "), { fn: "SPECIMEN", fnt: "SPECIMEN" });
});

test("no name at all, or a name without any letter, is refused naming the field", () => {
  assert.throws(() => l1("", ""), { code: "ERR_MAPPING_INVALID_FIELD", field: "L0" });
  assert.throws(() => mapNames({ family: "  ", given: "/", familyDi: "F1", givenDi: "F0" }), {
    code: "ERR_MAPPING_INVALID_FIELD",
    field: "F1",
  });
  assert.throws(() => l1("'.'", "CLAUDE"), { code: "ERR_MAPPING_INVALID_FIELD", field: "L0" });
  assert.throws(() => l1("SPECIMEN", "123"), { code: "ERR_MAPPING_INVALID_FIELD", field: "L1" });
});

test("ver is 1.3.0, or 1.3.2 when there is no fnt (DCC JSON schema CHANGELOG)", () => {
  assert.equal(dccVersionFor(l1("SPECIMEN", "")), "1.3.0");
  assert.equal(dccVersionFor(l1("", "CAMILLE")), "1.3.2");
});
