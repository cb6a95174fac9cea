// The client address (docs/operations.md "Client addresses"): the socket peer, or the X-Forwarded-For entry that
// TRUST_PROXY lets a proxy name, with express's `trust proxy` semantics (proxy-addr, the library express uses):
// a hop count n believes the n-th entry from the right of socket peer + X-Forwarded-For, a list of addresses /
// CIDRs skips every listed proxy from the right. Both HTTP paths and the rate limits read it from here.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import type { TrustProxy } from "./trust-proxy.js";

export type ClientAddress = (req: IncomingMessage) => string;

function compileTrust(trust: TrustProxy | undefined): ((address: string, hop: number) => boolean) | undefined {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  if (Array.isArray(trust)) return proxyAddr.compile([...(trust as readonly string[])]);
  return undefined;
}

export function clientAddressOf(trust: TrustProxy | undefined): ClientAddress {
  const trusted = compileTrust(trust);
  // Unset: the socket peer, whatever the headers say (X-Forwarded-For is not even read).
  if (trusted === undefined) return (req) => req.socket.remoteAddress ?? "unknown";
  return (req) => proxyAddr(req, trusted);
}
