// The rate-limit bucket of a client address: an IPv4 address is its own bucket; an IPv6 client is
// bucketed per /64, the smallest prefix an ISP assigns to one subscriber (RFC 6177 §2, RFC 7934 §4),
// so rotating through the addresses of one's own /64 gets no other bucket. An IPv4-mapped IPv6
// address (RFC 4291 §2.5.5.2, `::ffff:192.0.2.1`) is the IPv4 address it maps.
import { isIPv6 } from "node:net";

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped, `::` expanded, IPv4 tail folded). */
function ipv6Groups(address: string): number[] {
  let text = address.split("%")[0]!.toLowerCase();
  const dotted = text.lastIndexOf(":") < text.indexOf(".") ? text.slice(text.lastIndexOf(":") + 1) : undefined;
  if (dotted !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    text = `${text.slice(0, text.length - dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function addressBucket(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 6).every((g, i) => g === (i === 5 ? 0xffff : 0))) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
