// `dcc-converter batch --shard K/N` (docs/operations.md "Batch campaigns"): shard K of N takes the input lines
// with (line number - 1) mod N = K and keeps their line numbers, so the N outputs merge back by `line`
// (merge-results.ts). Every shard reads the whole input; only its lines are converted.

export interface Shard {
  /** K, from 0. */
  readonly index: number;
  /** N, at least 1. */
  readonly count: number;
}

/** `K/N` with 0 <= K < N, or undefined when the text is not that. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}

export function inShard(line: number, shard: Shard): boolean {
  return (line - 1) % shard.count === shard.index;
}

export async function* takeShard<T extends { readonly number: number }>(lines: AsyncIterable<T>, shard: Shard): AsyncGenerator<T> {
  for await (const line of lines) {
    if (inShard(line.number, shard)) yield line;
  }
}
