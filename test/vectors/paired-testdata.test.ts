// Data-driven over the external vectors (read in place): the 2D-DOC specimen samples of
// 2d-doc/samples.json whose identities also appear in CNAM's DCC acceptance-test data
// (2d-doc/dcc-fr-testdata-paired.json, its PROVENANCE.md) map to the same DCC content where fields correspond.
//
// Deliberate differences, not compared:
// * case: CNAM's test DCCs wrote fn/gn in lower case; we write them as printed on the 2D-DOC (upper case,
//   like CNAM's real June 2021 DCCs) — compared case-insensitively;
// * ver: CNAM test data says 1.0.0; we write 1.3.0 (the version of the rules we issue under);
// * vp: compared, and equal here (1119349007 for mRNA); note that CNAM's real 2021 DCCs copied J07BX03,
//   which is no longer active — see the vaccine table's provenance;
// * ci: ours is "" until the orchestrator sets the UVCI;
// * dt of PAVOINE: the CNAM file pairs the same identity with another dose date (2021-03-21 vs L9 24032021).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadValueSets } from "../../src/dcc/value-sets.js";
import type { DccPayload, VaccinationEntry } from "../../src/dcc/types.js";
import { mapDocument, type MappingOptions } from "../../src/mapping/map-document.js";
import { loadMappingTables } from "../../src/mapping/tables.js";
import type { Header } from "../../src/twoddoc/types.js";
import { makeDocument } from "../support/documents.js";
import { vectorsDir } from "../support/vectors.js";

interface SampleJson {
  readonly id: string;
  readonly header: Readonly<Record<string, string>>;
  readonly expected_fields?: Readonly<Record<string, string>> | null;
}
interface PairedJson {
  readonly entries: readonly { readonly file: string; readonly paired_2ddoc_sample: string | null; readonly dcc_payload: DccPayload }[];
}

const vectors = vectorsDir("2D-DOC samples vs CNAM paired DCC test data");
const tables = loadMappingTables(undefined, loadValueSets());
const options: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "refuse" };

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(vectors!, path), "utf8")) as T;
}

/** The VerifiedDocument the verifier would hand on, built from a sample's expected header and fields. */
function documentOf(sample: SampleJson) {
  const h = sample.header;
  const header: Header = {
    version: h["version"] as Header["version"],
    caId: h["ca_id"] ?? "",
    certId: h["cert_id"] ?? "",
    issueDate: h["issue_date"] ?? null,
    signatureDate: h["signature_date"] ?? null,
    documentType: h["doc_type"] ?? "",
    perimeter: h["perimeter"] ?? "01",
    country: h["country"] ?? "FR",
    length: 26,
  };
  return makeDocument(sample.expected_fields ?? {}, header);
}

function samplesById(): Map<string, SampleJson> {
  return new Map(readJson<SampleJson[]>("2d-doc/samples.json").map((sample) => [sample.id, sample]));
}

test("paired CNAM specimen identities: same names, dob, doses, date, product, disease, country", { skip: vectors === undefined }, () => {
  const samples = samplesById();
  const paired = readJson<PairedJson>("2d-doc/dcc-fr-testdata-paired.json").entries.filter(
    (entry) => typeof entry.paired_2ddoc_sample === "string",
  );
  assert.equal(paired.length, 3);
  for (const entry of paired) {
    const id = entry.paired_2ddoc_sample!.split(" ")[0]!;
    const sample = samples.get(id);
    assert.ok(sample !== undefined, id);
    const ours = mapDocument(documentOf(sample), tables, options).payload;
    const theirs = entry.dcc_payload;
    assert.equal(ours.nam.fn, theirs.nam.fn?.toUpperCase(), `${id} fn`);
    assert.equal(ours.nam.gn, theirs.nam.gn?.toUpperCase(), `${id} gn`);
    assert.equal(ours.nam.fnt, theirs.nam.fnt, `${id} fnt`);
    assert.equal(ours.nam.gnt, theirs.nam.gnt, `${id} gnt`);
    assert.equal(ours.dob, theirs.dob, `${id} dob`);
    const [v, w] = [ours.v?.[0], theirs.v?.[0]] as [VaccinationEntry, VaccinationEntry];
    const compared: readonly (keyof VaccinationEntry)[] = [
      "tg",
      "vp",
      "mp",
      "ma",
      "dn",
      "sd",
      "co",
      "is",
      ...(id === "tac-ios-L1-PAVOINE" ? [] : ["dt" as const]),
    ];
    for (const key of compared) assert.equal(v[key], w[key], `${id} v[0].${key}`);
    assert.equal(ours.ver, "1.3.0"); // theirs: 1.0.0 (deliberate difference)
  }
});

/** What each sample with fields must give: a type and a few fields, or a refusal code and field. */
const EXPECTED: Readonly<
  Record<string, { type: "v" | "t" | "r"; check: (p: DccPayload) => unknown[]; want: unknown[] } | { code: string; field: string }>
> = {
  "spec313-B2-BERTHIER": { code: "ERR_MAPPING_UNKNOWN_CODE", field: "F4" }, // F4 = 000 placeholder
  "kit-B2-SPECIMEN-invalid-test": { code: "ERR_MAPPING_UNKNOWN_CODE", field: "F4" }, // F4 = 3333, F5 = X
  "invictos-B2-DEPOTHPRIM": {
    type: "t",
    check: (p) => [p.t?.[0].sc, p.t?.[0].tr, p.dob],
    want: ["2021-04-07T10:10:00+02:00", "260415000", "1955-01-01"],
  },
  "tac-B2-TST1-JEAN-LOUIS": {
    type: "t",
    check: (p) => [p.nam.gn, p.nam.gnt, p.t?.[0].tt, p.t?.[0].sc],
    want: ["JEAN LOUIS EDOUARD", "JEAN<LOUIS<EDOUARD", "LP6464-4", "2021-03-11T14:52:00+01:00"],
  },
  "tdd-L1-DUPONT-PAUL-TE": { type: "v", check: (p) => [p.v?.[0].mp, p.v?.[0].dn, p.v?.[0].sd], want: ["EU/1/20/1528", 2, 2] },
  "spec313-L1-THEOULE-JEAN-PAUL": { type: "v", check: (p) => [p.nam.gnt, p.v?.[0].dn, p.v?.[0].sd], want: ["JEAN<PAUL", 1, 2] },
  "kit-L1-AZAY-valid": { type: "v", check: (p) => [p.nam.fnt], want: ["AZAY<LE<RIDEAU"] },
  "kit-L1-THEOULE-invalid-cycle": { type: "v", check: (p) => [p.v?.[0].dt], want: ["2021-03-01"] },
  "tac-ios-L1-PAVOINE": { type: "v", check: (p) => [p.v?.[0].mp, p.v?.[0].ma], want: ["EU/1/20/1507", "ORG-100031184"] },
};

test("every B2/L1 sample with fields maps as expected, or is refused with the expected code", { skip: vectors === undefined }, () => {
  const withFields = [...samplesById().values()].filter(
    (sample) => sample.expected_fields && ["B2", "L1"].includes(sample.header["doc_type"] ?? ""),
  );
  assert.deepEqual(withFields.map((sample) => sample.id).sort(), Object.keys(EXPECTED).sort());
  for (const sample of withFields) {
    const expected = EXPECTED[sample.id]!;
    const doc = documentOf(sample);
    if ("code" in expected) {
      assert.throws(() => mapDocument(doc, tables, options), { code: expected.code, field: expected.field }, sample.id);
      continue;
    }
    const mapped = mapDocument(doc, tables, options);
    assert.equal(mapped.type, expected.type, sample.id);
    assert.deepEqual(expected.check(mapped.payload), expected.want, sample.id);
  }
});
