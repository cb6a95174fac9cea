// PORTAL_ALLOWED_CIDRS (README, "Border portal"): the networks the portal answers, as a comma-separated list of
// addresses and CIDR blocks (IPv4 and IPv6). An IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2, `::ffff:192.0.2.1`,
// what a dual-stack socket reports for an IPv4 peer) is checked as the IPv4 address it maps.
import { BlockList, isIP } from "node:net";

export interface AllowedAddresses {
  allows(address: string | undefined): boolean;
}

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

function unmapped(address: string): string {
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

/** The allowed networks, or undefined when one entry is not an address or a CIDR block. */
export function parseAllowedAddresses(text: string): AllowedAddresses | undefined {
  const list = new BlockList();
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return undefined;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return undefined;
    list.addSubnet(address, Number(prefix), type);
  }
  return {
    allows(address) {
      if (address === undefined) return false;
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? "ipv4" : "ipv6");
    },
  };
}
