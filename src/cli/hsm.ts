// STUB: replaced by the issue that builds this command.
import type { Command } from "commander";

export function registerHsm(_program: Command): void {}
