// The chart's values, checked without rendering (helm.test.ts and rendered.test.ts run the real helm on the output):
// the values files against values.schema.json, every literal-PIN shape the schema must refuse (and why),
// template paths against values.yaml, a comment above every value, yamllint on the plain YAML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { commentedKeys, hasPath, readChartJson, readChartYaml, schemaLeafPaths, templateValuePaths } from "./chart-files.js";
import { CHART_DIR } from "./helm.js";

const schema = readChartJson("values.schema.json") as Record<string, unknown>;
const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
const defaults = readChartYaml("values.yaml") as Record<string, unknown>;

function withChange(change: (values: Record<string, any>) => void): Record<string, unknown> {
  const values = structuredClone(defaults) as Record<string, any>;
  change(values);
  return values;
}

test("values.yaml and values-production.yaml validate against values.schema.json (draft-07)", () => {
  assert.equal(schema["$schema"], "http://json-schema.org/draft-07/schema#");
  for (const file of ["values.yaml", "values-production.yaml"]) {
    const valid = validate(readChartYaml(file));
    assert.ok(valid, `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

const literalPins: Record<string, (values: Record<string, any>) => void> = {
  "hsm.pin": (values) => {
    values["hsm"].pin = "123456";
  },
  "a top-level PKCS11_PIN": (values) => {
    values["PKCS11_PIN"] = "123456";
  },
  "hsm.pinSecret as a string": (values) => {
    values["hsm"].pinSecret = "123456";
  },
  "an extraEnv PKCS11_PIN entry": (values) => {
    values["extraEnv"] = [{ name: "PKCS11_PIN", value: "123456" }];
  },
  "an hsm.extraEnv PKCS11_PIN entry": (values) => {
    values["hsm"].extraEnv = [{ name: "PKCS11_PIN", value: "123456" }];
  },
  "a userPin inside a free-form volume": (values) => {
    values["extraVolumes"] = [{ name: "x", userPin: "123456" }];
  },
  "a pin-named env entry inside a free-form list": (values) => {
    values["tolerations"] = [{ key: "k", env: [{ name: "pkcs11_pin", value: "123456" }] }];
  },
};

for (const [where, change] of Object.entries(literalPins)) {
  test(`the schema refuses a literal PIN: ${where}`, () => {
    assert.equal(validate(withChange(change)), false);
    // Refused by the recursive "no literal PIN" rule itself (definitions.noLiteralPin, its object branch:
    // ajv reports paths inside a $ref relative to it), not only by a neighbouring type or field rule.
    const byPinRule = (validate.errors ?? []).some((error) => /^#\/anyOf\/2\/(?:not|propertyNames)\b/.test(error.schemaPath));
    assert.equal(byPinRule, where !== "hsm.pinSecret as a string");
  });
}

test("the schema accepts the PIN by Secret reference and other extra environment (the refusals are specific)", () => {
  const values = withChange((v) => {
    v["hsm"].pinSecret = { name: "another-secret", key: "user-pin", mode: "file" };
    v["extraEnv"] = [{ name: "PINO_EXTRA", value: "1" }];
    v["podAnnotations"] = { "pinned-by": "ops" };
  });
  assert.ok(validate(values), JSON.stringify(validate.errors));
});

test("the schema refuses unknown fields and out-of-range settings", () => {
  assert.equal(
    validate(
      withChange((v) => {
        v["hsm"].modulePathTypo = "/x.so";
      }),
    ),
    false,
  );
  assert.equal(
    validate(
      withChange((v) => {
        v["config"].pkcs11Sessions = 0;
      }),
    ),
    false,
  );
  assert.equal(
    validate(
      withChange((v) => {
        v["keys"].uvciKeyUri = "uvci-hmac";
      }),
    ),
    false,
  );
});

test("every .Values path used in templates/ exists in values.yaml", () => {
  const paths = templateValuePaths();
  assert.ok(paths.size > 30, `only ${paths.size} paths found: the scan is broken`);
  const missing = [...paths].filter(([path]) => !hasPath(defaults, path)).map(([path, file]) => `${file}: .Values.${path}`);
  assert.deepEqual(missing, []);
});

test("every field of values.yaml is documented by a comment right above it", () => {
  const documented = commentedKeys(readFileSync(join(CHART_DIR, "values.yaml"), "utf8"));
  const undocumented = schemaLeafPaths(schema as Parameters<typeof schemaLeafPaths>[0]).filter((path) => !documented.has(path));
  assert.deepEqual(undocumented, []);
});

test("yamllint passes on Chart.yaml and the values files", () => {
  const helmDir = resolve(CHART_DIR, "..");
  const files = ["Chart.yaml", "values.yaml", "values-production.yaml"].map((name) => join(CHART_DIR, name));
  const run = spawnSync("yamllint", ["-f", "parsable", "-c", join(helmDir, ".yamllint"), ...files], { encoding: "utf8" });
  assert.equal(run.error, undefined, "yamllint is not installed (scripts/setup.sh installs it)");
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
