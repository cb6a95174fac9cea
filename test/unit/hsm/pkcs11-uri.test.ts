import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePkcs11Uri } from "../../../src/hsm/pkcs11-uri.js";

test("a token/object/type URI gives its attributes", () => {
  const uri = parsePkcs11Uri("pkcs11:token=dcc-dev;object=dsc-test;type=private", "DCC_SIGNERS[0]");
  assert.deepEqual({ ...uri }, { token: "dcc-dev", object: "dsc-test", type: "private" });
});

test("id is percent-decoded to bytes; text attributes are percent-decoded UTF-8", () => {
  const uri = parsePkcs11Uri("pkcs11:token=My%20HSM;object=cl%C3%A9%3B1;id=%01%02%ff;type=secret-key", "UVCI_KEY");
  assert.equal(uri.token, "My HSM");
  assert.equal(uri.object, "clé;1");
  assert.deepEqual(uri.id, Buffer.from([1, 2, 255]));
  assert.equal(uri.type, "secret-key");
});

test("public and the scheme in upper case are accepted; manufacturer/model/serial are kept", () => {
  const uri = parsePkcs11Uri("PKCS11:type=public;manufacturer=SoftHSM%20project;model=SoftHSM%20v2;serial=1a2b", "X");
  assert.equal(uri.type, "public");
  assert.equal(uri.manufacturer, "SoftHSM project");
  assert.equal(uri.serial, "1a2b");
});

test("bad URIs are refused with ERR_CONFIG naming the variable, never the value", () => {
  const bad = [
    "",
    "pkcs11:",
    "file:token=a",
    "pkcs11:token=a;pin=1234", // unknown attribute
    "pkcs11:token=a?pin-value=1234", // query component: secrets stay in their own variables
    "pkcs11:token=a;type=secret", // unknown type
    "pkcs11:token=a;token=b", // repeated attribute
    "pkcs11:token=a;object=b%2", // broken escape
    "pkcs11:token=a;object=b%zz",
    "pkcs11:token=a b", // space must be escaped
    "pkcs11:token=%ff%fe", // not UTF-8
    "pkcs11:id=", // empty id
    "pkcs11:token",
    "pkcs11:token=a;;object=b",
  ];
  for (const value of bad) {
    assert.throws(
      () => parsePkcs11Uri(value, "DCC_SIGNERS[2]"),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, "ERR_CONFIG", value);
        assert.equal(error.field, "DCC_SIGNERS[2]");
        if (value.includes("1234")) assert.equal(error.message.includes("1234"), false);
        return true;
      },
    );
  }
});
