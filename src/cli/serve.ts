// `dcc-converter serve`: the HTTP service (what `npm start` runs).
import type { Command } from "commander";
import { runServer } from "../server.js";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the HTTP service (configuration from the environment: README.md, Configuration)")
    .action(async () => {
      process.exitCode = await runServer();
    });
}
