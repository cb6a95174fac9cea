// STUB: replaced by the issue that builds this command.
import type { Command } from "commander";

export function registerConvert(_program: Command): void {}
