// What a rule reads (src/rules/rule-fields.ts): every CertLogic `var` path of its logic (plain or with a default)
// and its AffectedFields as payload paths; a path read inside an unavailable one counts, a parent of it does not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldsRead, readsAny } from "../../../src/rules/rule-fields.js";
import type { Rule } from "../../../src/rules/types.js";

const rule = {
  AffectedFields: ["v.0.dn"],
  Logic: { if: [{ var: "payload.v.0" }, { "<=": [{ var: ["payload.v.0.sd", 0] }, { var: "payload.v.0.dn" }] }, { var: "external.kid" }] },
} as unknown as Rule;

test("the var paths and the affected fields, each once", () => {
  assert.deepEqual([...fieldsRead(rule)].sort(), ["external.kid", "payload.v.0", "payload.v.0.dn", "payload.v.0.sd"]);
});

test("a rule reads an unavailable path or inside it; reading its parent is not reading it", () => {
  assert.equal(readsAny(rule, ["payload.v.0.sd"]), true);
  assert.equal(readsAny(rule, ["external.kid"]), true);
  assert.equal(readsAny(rule, ["payload.v.0.mp", "payload.t"]), false);
  assert.equal(readsAny(rule, ["payload.v"]), true, "payload.v.0 is inside payload.v");
});
