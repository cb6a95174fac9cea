// TRUST_PROXY (docs/operations.md "Client addresses"): which reverse proxies may name the client through
// `X-Forwarded-For`. A hop count `n` believes the n-th entry from the right of socket peer +
// X-Forwarded-For; a list of addresses / CIDRs skips every listed proxy from the right (express's
// `trust proxy` semantics). Unset: the socket peer, whatever the headers say.
import { isIP } from "node:net";

/** `false` = the socket peer; a hop count; or the addresses / CIDRs of trusted proxies. */
export type TrustProxy = false | number | readonly string[];

const MAX_HOPS = 16;

function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parses the variable's text; undefined when it is not a hop count or a list of addresses / CIDRs. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | undefined {
  const text = raw?.trim() ?? "";
  if (text === "") return false;
  if (/^\d{1,2}$/.test(text)) {
    const hops = Number(text);
    return hops <= MAX_HOPS ? (hops === 0 ? false : hops) : undefined;
  }
  const entries = text.split(",").map((entry) => entry.trim());
  return entries.every(isAddressOrCidr) ? Object.freeze(entries) : undefined;
}
