// TRUST_PROXY parsing and the rate-limit bucket of an address (docs/operations.md "Client addresses").
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTrustProxy } from "../../../src/net/trust-proxy.js";
import { addressBucket } from "../../../src/net/address-bucket.js";

test("TRUST_PROXY: unset or 0 is the socket peer; a hop count; a list of addresses and CIDRs", () => {
  assert.equal(parseTrustProxy(undefined), false);
  assert.equal(parseTrustProxy(" "), false);
  assert.equal(parseTrustProxy("0"), false);
  assert.equal(parseTrustProxy("2"), 2);
  assert.deepEqual(parseTrustProxy("10.0.0.0/8, 192.0.2.1,2001:db8::/32"), ["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]);
});

test("TRUST_PROXY: names, bad prefixes, empty entries and huge hop counts are refused", () => {
  for (const raw of ["true", "loopback", "10.0.0.0/33", "2001:db8::/129", "10.0.0.1,", "10.0.0.0/8/1", "99", "-1", "1.5"]) {
    assert.equal(parseTrustProxy(raw), undefined, raw);
  }
});

test("an IPv4 address is its own bucket; an IPv4-mapped IPv6 address is the IPv4 address", () => {
  assert.equal(addressBucket("192.0.2.1"), "192.0.2.1");
  assert.equal(addressBucket("::ffff:192.0.2.1"), "192.0.2.1");
  assert.equal(addressBucket("::FFFF:c000:0201"), "192.0.2.1");
});

test("IPv6 clients of one /64 share a bucket, whatever the spelling; another /64 is another bucket", () => {
  const one = ["2001:db8:1:2::1", "2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:0db8:0001:0002:0:0:0:9", "2001:db8:1:2::192.0.2.1"];
  assert.deepEqual(new Set(one.map(addressBucket)), new Set(["2001:db8:1:2::/64"]));
  assert.equal(addressBucket("2001:db8:1:3::1"), "2001:db8:1:3::/64");
  assert.equal(addressBucket("fe80::1%eth0"), "fe80:0:0:0::/64");
});
