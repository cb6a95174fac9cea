// Runs only the decode-2ddoc command (as src/cli/main.ts would), so its test does not depend on the
// other commands' modules. Usage: node --import tsx test/support/run-decode-2ddoc.ts [args…]
import { Command, CommanderError } from "commander";
import { registerDecode2DDoc } from "../../src/cli/decode-2ddoc.js";

const program = new Command("dcc-converter").exitOverride();
registerDecode2DDoc(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
