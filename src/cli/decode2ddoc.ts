// STUB: replaced by the issue that builds this command.
import type { Command } from "commander";

export function registerDecode2DDoc(_program: Command): void {}
