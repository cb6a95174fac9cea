// Exit codes (README.md "Command line"), the refusal line on stderr, and the stdin reader shared by commands taking `[DOC]`.
/** `usage` also covers configuration and I/O: an output that cannot be written (contract §5). */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** The argument when given, otherwise all of stdin (without its final newline). */
export async function readArgumentOrStdin(argument: string | undefined): Promise<string> {
  if (argument !== undefined) return argument;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("latin1")
    .replace(/\r?\n$/, "");
}

/** The JSON line written on stderr for a refused document: the code only, never input. */
export function refusalLine(code: string, field?: string): string {
  return `${JSON.stringify({ error: field === undefined ? { code } : { code, field } })}\n`;
}
