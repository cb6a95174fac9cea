// The `base45` package (3.x) ships no types (and there is no @types/base45); only the two functions we call.
declare module "base45" {
  export function encode(buffer: Uint8Array | string): string;
  export function decode(input: string): Buffer;
  const base45: { encode: typeof encode; decode: typeof decode };
  export default base45;
}
