// A real full filesystem for the output-fault tests (the service contract §5): a small tmpfs the test mounts, fills by
// running the command, then enlarges (`remount,size=`: room made, as an operator frees space) to show the resume. Needs
// root (CI runs as root); otherwise the test is skipped with its reason printed. Every mount is undone in `finally`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";

export interface SmallDisk {
  readonly dir: string;
  /** Gives the filesystem `kib` KiB in all (room for the rest of the job). */
  grow(kib: number): void;
}

function mountCommand(args: string[]): string | undefined {
  const result = spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
  return result.status === 0 ? undefined : `${args.join(" ")}: ${(result.stderr || result.error?.message || "failed").trim()}`;
}

/** Runs `body` with a fresh tmpfs of `kib` KiB mounted, or skips `t` with the reason (never silently). */
export async function withSmallDisk(t: TestContext, kib: number, body: (disk: SmallDisk) => Promise<void>): Promise<void> {
  if (process.getuid?.() !== 0) {
    t.skip("needs root to mount a tmpfs (CI runs as root)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "dcc-full-disk-"));
  const refused = mountCommand(["mount", "-t", "tmpfs", "-o", `size=${kib}k,mode=0755`, "tmpfs", dir]);
  if (refused !== undefined) {
    rmSync(dir, { recursive: true, force: true });
    if (process.env["CI"] !== undefined) throw new Error(`cannot mount a tmpfs in CI: ${refused}`);
    t.skip(`cannot mount a tmpfs here: ${refused}`);
    return;
  }
  let unmountFailure: string | undefined;
  try {
    await body({
      dir,
      grow: (size) => {
        const failed = mountCommand(["mount", "-o", `remount,size=${size}k`, dir]);
        if (failed !== undefined) throw new Error(failed);
      },
    });
  } finally {
    unmountFailure = mountCommand(["umount", dir]) === undefined ? undefined : mountCommand(["umount", "-l", dir]);
    if (unmountFailure === undefined) rmSync(dir, { recursive: true, force: true });
  }
  if (unmountFailure !== undefined) throw new Error(unmountFailure);
}
