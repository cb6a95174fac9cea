// `dcc-converter issue IN OUTDIR` as an MEAE agent runs it: the real binary, the development token.
// A 1,000-line CSV with mixed valid and invalid lines gives one PDF per valid line, and results.ndjson
// complete and in order, each refusal named by its line and field, never by a value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const HEADER = "type;fn;gn;dob;vp;mp;ma;dn;sd;dt;fr;df;du;co;is";
const ISSUER = "Ministère de l'Europe et des Affaires étrangères";

interface Line {
  text: string;
  refusal?: { code: string; field: string };
}

/** Data line `n` (0-based): valid unless n % 10 picks one of the refusals below. */
function csvLine(n: number): Line {
  const name = `Specimen${n}`;
  const vaccination = (over: Partial<Record<"dob" | "mp" | "dn" | "dt", string>> = {}) =>
    `v;${name};Zoé;${over.dob ?? "1970-01-01"};1119349007;${over.mp ?? "EU/1/20/1528"};ORG-100030215;${over.dn ?? "2"};2;${over.dt ?? daysAgo(30)};;;;DE;${ISSUER}`;
  switch (n % 10) {
    case 3:
      return { text: vaccination({ mp: "EU/1/99/9999" }), refusal: { code: "ERR_DCC_VALUE_SET", field: "v[0].mp" } };
    case 5:
      return { text: vaccination({ dt: daysAgo(-30) }), refusal: { code: "ERR_DCC_PLAUSIBILITY", field: "v[0].dt" } };
    case 7:
      return { text: vaccination({ dob: "" }), refusal: { code: "ERR_DCC_PAYLOAD", field: "/dob" } };
    case 8:
      return { text: `r;${name};Zoé;1980-05;;;;;;;${daysAgo(20)};${daysAgo(9)};${daysAgo(-150)};BE;${ISSUER}` };
    default:
      return { text: vaccination() };
  }
}

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
}

test("a 1,000-line CSV: one PDF per valid line, results.ndjson complete and in order, refusals by line and field", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-issue-"));
  try {
    const lines = Array.from({ length: 1000 }, (_, n) => csvLine(n));
    writeFileSync(join(dir, "requests.csv"), `\uFEFF${[HEADER, ...lines.map((l) => l.text)].join("\r\n")}\r\n`);
    const result = run(["issue", join(dir, "requests.csv"), join(dir, "out")]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /issue: 1000 lines, 700 issued, 300 failed/);
    const results = readFileSync(join(dir, "out", "results.ndjson"), "utf8")
      .trimEnd()
      .split("\n")
      .map((t) => JSON.parse(t) as Record<string, unknown>);
    assert.equal(results.length, 1000);
    const files = new Set(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".pdf")));
    assert.equal(files.size, 700);
    const uvcis = new Set<string>();
    results.forEach((answer, n) => {
      assert.equal(answer["line"], n + 2, "the CSV line (the header is line 1)");
      const expected = lines[n]!;
      if (expected.refusal !== undefined) {
        assert.deepEqual(answer, { line: n + 2, error: { ...expected.refusal, status: 422 } });
        return;
      }
      assert.match(String(answer["file"]), new RegExp(`^${n + 2}-[0-9a-f]{8}\\.pdf$`));
      assert.ok(files.has(String(answer["file"])));
      assert.equal(answer["type"], n % 10 === 8 ? "recovery" : "vaccination");
      assert.match(String(answer["uvci"]), /^URN:UVCI:01:FR:[A-Z2-7]{16}#.$/);
      uvcis.add(String(answer["uvci"]));
    });
    assert.equal(uvcis.size, 700);
    const first = readFileSync(join(dir, "out", String(results[0]!["file"])));
    assert.equal(first.subarray(0, 5).toString("latin1"), "%PDF-");
    for (const text of [readFileSync(join(dir, "out", "results.ndjson"), "utf8"), result.stderr, result.stdout]) {
      assert.ok(!/Specimen|Zoé|1970-01-01|EU\/1\/99/.test(text), "no value of a request in the results or the output");
    }
    for (const text of [result.stderr, result.stdout]) assert.ok(!/URN:UVCI|HC1:/.test(text), "no UVCI or HC1 on the terminal");
    const again = run(["issue", join(dir, "requests.csv"), join(dir, "out")]);
    assert.equal(again.status, 2, "results.ndjson is never overwritten");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a comma-separated CSV with quoted fields issues and exits 0; NDJSON payloads are read line by line, blank lines skipped, bad JSON refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-issue-"));
  try {
    writeFileSync(
      join(dir, "a.csv"),
      `type,fn,gn,dob,mp,vp,ma,dn,sd,dt,co,is\n"v","Specimen, Jr","Marie ""Mimi""",1970,EU/1/20/1528,1119349007,ORG-100030215,1,2,${daysAgo(3)},FR,"${ISSUER}"\n`,
    );
    const csv = run(["issue", join(dir, "a.csv"), join(dir, "csv")]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, "csv", "results.ndjson"), "utf8")) as object), [
      "line",
      "file",
      "type",
      "uvci",
    ]);
    const payload = {
      ver: "1.3.0",
      nam: { fn: "Specimen", fnt: "SPECIMEN" },
      dob: "1970",
      r: [{ tg: "840539006", fr: daysAgo(20), co: "BE", is: ISSUER, df: daysAgo(9), du: daysAgo(-150) }],
    };
    writeFileSync(join(dir, "b.ndjson"), `${JSON.stringify(payload)}\n\n${JSON.stringify(payload)}\n{not json\n`);
    const ndjson = run(["issue", join(dir, "b.ndjson"), join(dir, "nd")]);
    assert.equal(ndjson.status, 1, ndjson.stderr);
    const results = readFileSync(join(dir, "nd", "results.ndjson"), "utf8")
      .trimEnd()
      .split("\n")
      .map((t) => JSON.parse(t) as { line: number; error?: { code: string } });
    assert.deepEqual(
      results.map((r) => [r.line, r.error?.code ?? "OK"]),
      [
        [1, "OK"],
        [3, "OK"],
        [4, "ERR_REQUEST_MALFORMED"],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("usage errors exit 2: an unknown CSV column (named by position), a missing IN", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-issue-"));
  try {
    writeFileSync(join(dir, "bad.csv"), "type;fn;surname\nv;Specimen;X\n");
    const unknown = run(["issue", join(dir, "bad.csv"), join(dir, "out")]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /ERR_REQUEST_MALFORMED \(column 3\)/);
    assert.equal(run(["issue", join(dir, "missing.csv"), join(dir, "out2")]).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Regression: `v;DU"PONT;…` opened a quoted section that swallowed the next records: they got no result line and the
// summary undercounted.
test("stray quotes: each record gets exactly one result line; the malformed ones are refused by line, the others issued", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-issue-"));
  try {
    const good = csvLine(0).text;
    const body = [
      HEADER,
      good.replace("Specimen0", 'DU"PONT'),
      good,
      good.replace("Zoé", '"Zoé"x'),
      good,
      good.replace(";DE;", ';"DE'),
      good,
    ];
    writeFileSync(join(dir, "quotes.csv"), `${body.join("\n")}\n`);
    const result = run(["issue", join(dir, "quotes.csv"), join(dir, "out")]);
    assert.equal(result.status, 1, result.stderr);
    const results = readFileSync(join(dir, "out", "results.ndjson"), "utf8")
      .trimEnd()
      .split("\n")
      .map((t) => JSON.parse(t) as { line: number; error?: { code: string; field?: string } });
    assert.deepEqual(
      results.map((r) => [r.line, r.error === undefined ? "OK" : `${r.error.code} ${r.error.field}`]),
      [
        [2, "ERR_REQUEST_MALFORMED quote"],
        [3, "OK"],
        [4, "ERR_REQUEST_MALFORMED quote"],
        [5, "OK"],
        [6, "ERR_REQUEST_MALFORMED quote"],
        [7, "OK"],
      ],
    );
    assert.equal(readdirSync(join(dir, "out")).filter((name) => name.endsWith(".pdf")).length, 3);
    assert.match(result.stderr, /issue: 6 lines, 3 issued, 3 failed/, "the summary counts every record");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a used OUTDIR: refused without --resume; --resume refuses results that do not answer IN and removes nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-issue-"));
  try {
    const out = join(dir, "out");
    writeFileSync(join(dir, "in.csv"), `${HEADER}\n${csvLine(0).text}\n${csvLine(1).text}\n`);
    const first = run(["issue", join(dir, "in.csv"), out]);
    assert.equal(first.status, 0, first.stderr);
    const again = run(["issue", join(dir, "in.csv"), out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /OUTDIR already holds results\.ndjson: choose another directory, or --resume/);
    const finished = run(["issue", join(dir, "in.csv"), out, "--resume"]);
    assert.equal(finished.status, 0, finished.stderr);
    assert.match(finished.stderr, /issue: 0 lines, 0 issued, 0 failed, 2 already in OUTDIR \(skipped\)/);

    const before = readdirSync(out).sort();
    writeFileSync(join(dir, "other.csv"), `${HEADER}\n\n${csvLine(0).text}\n`); // its request is on line 3, not 2
    const mismatch = run(["issue", join(dir, "other.csv"), out, "--resume"]);
    assert.equal(mismatch.status, 2);
    assert.match(mismatch.stderr, /ERR_CONFIG \(OUTDIR\/results\.ndjson \(--resume: it does not answer the lines of IN\)\)/);
    assert.deepEqual(readdirSync(out).sort(), before, "no PDF removed, nothing written");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
