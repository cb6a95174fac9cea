// `dcc-converter verifier`: the verification service (docs/verification.md; README "The verification service").
import type { Command } from "commander";
import { runVerifier } from "../verifier/server.js";

export function registerVerifier(program: Command): void {
  program
    .command("verifier")
    .description("start the verification service (no key, no HSM; configuration from the environment: README.md)")
    .action(async () => {
      process.exitCode = await runVerifier();
    });
}
