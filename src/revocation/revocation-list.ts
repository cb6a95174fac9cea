// The revocation check of every conversion (docs/revocation.md): after the UVCI is derived and before anything
// is signed, the certificate's UCI and COUNTRYCODEUCI hashes and its source document's 2DDOC hash are looked up
// in the list in force. A hit is ERR_REVOKED; nothing about the document is logged. The conversion worker threads
// ask the same stores through shared memory (docs/revocation.md, "Inside").
import { DccError } from "../errors.js";
import { EMPTY_STORE, shareStore, storeFromShared, type HashStore, type SharedHashStore } from "./hash-store.js";
import { countryCodeUciDigest, documentDigest, HASH_TYPES, uciDigest, type HashType } from "./hashes.js";
import type { ListStores } from "./list-file.js";

/**
 * What identifies a certificate to revoke or to check: its UVCI and, for a conversion, the signed data zone. A 2D-DOC
 * read by the verifier has no UVCI (it is derived in the HSM, which the verifier has not): its 2DDOC hash alone.
 * `country` is the CWT issuer country of a DCC read by the verifier (COUNTRYCODEUCI); ours (FR) otherwise.
 */
export interface RevocationSubject {
  readonly uvci?: string;
  readonly sourceBytes?: Uint8Array;
  readonly country?: string;
}

/** The port the conversion stages see: the list in force at the moment of the call. */
export interface RevocationCheck {
  isRevoked(subject: RevocationSubject): boolean;
}

export const EMPTY_STORES: ListStores = Object.freeze({ UCI: EMPTY_STORE, COUNTRYCODEUCI: EMPTY_STORE, "2DDOC": EMPTY_STORE });

export function entriesOf(stores: ListStores): Record<HashType, number> {
  return Object.fromEntries(HASH_TYPES.map((type) => [type, stores[type].size])) as Record<HashType, number>;
}

/** Membership in one set of stores. A kind with no entry costs nothing: its hash is not computed. */
export function isRevokedIn(stores: ListStores, subject: RevocationSubject): boolean {
  const { uvci } = subject;
  if (uvci !== undefined && stores.UCI.size > 0 && stores.UCI.has(uciDigest(uvci))) return true;
  const countryCodeUci = stores.COUNTRYCODEUCI;
  if (uvci !== undefined && countryCodeUci.size > 0 && countryCodeUci.has(countryCodeUciDigest(uvci, subject.country))) return true;
  return subject.sourceBytes !== undefined && stores["2DDOC"].size > 0 && stores["2DDOC"].has(documentDigest(subject.sourceBytes));
}

export function refuseRevoked(check: RevocationCheck, subject: RevocationSubject): void {
  if (check.isRevoked(subject)) throw new DccError("ERR_REVOKED");
}

/** The list in force as plain data for `postMessage`: each kind's store in shared memory, not copied. */
export type SharedListStores = Readonly<Record<HashType, SharedHashStore>>;

export function shareStores(stores: ListStores): SharedListStores {
  return Object.fromEntries(HASH_TYPES.map((type) => [type, shareStore(stores[type])])) as Record<HashType, SharedHashStore>;
}

export function storesFromShared(shared: SharedListStores): ListStores {
  return Object.fromEntries(HASH_TYPES.map((type) => [type, storeFromShared(shared[type])])) as Record<HashType, HashStore>;
}

/** A check in a worker thread: the stores last given (`replace` after every swap in the main thread), one assignment. */
export interface SharedRevocationCheck extends RevocationCheck {
  replace(stores: SharedListStores): void;
}

export function createSharedRevocationCheck(initial?: SharedListStores): SharedRevocationCheck {
  let current = initial === undefined ? EMPTY_STORES : storesFromShared(initial);
  return {
    isRevoked: (subject) => isRevokedIn(current, subject),
    replace(stores) {
      current = storesFromShared(stores);
    },
  };
}
