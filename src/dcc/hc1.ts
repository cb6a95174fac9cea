// The context identifier (hcert §4.2.2): exactly `HC1:`. `HC2:`…`HCZ:` are future incompatible versions
// (dgc-testdata common vector H2), `HL0:` and a missing prefix are invalid (H1, H3); France's `HCFR1:` is not an EU DCC.
import { DccError } from "../errors.js";

export const HC1_PREFIX = "HC1:";

export function addPrefix(base45: string): string {
  return HC1_PREFIX + base45;
}

/** The base45 text after `HC1:`. Spaces are base45 data (RFC 9285 alphabet): nothing is trimmed. */
export function removePrefix(text: string): string {
  if (!text.startsWith(HC1_PREFIX)) throw new DccError("ERR_HC1_PREFIX");
  return text.slice(HC1_PREFIX.length);
}
