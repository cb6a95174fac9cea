// The dcc-converter binary (README, "Command line"). One file per command; exit codes:
// 0 success, 1 a document or certificate was refused, 2 usage or configuration error, or an output that cannot
// be written (src/cli/outputs.ts: one line naming the output and the cause, never a stack trace).
import { Command, CommanderError } from "commander";
import { registerServe } from "./serve.js";
import { registerConvert } from "./convert.js";
import { registerBatch } from "./batch.js";
import { registerIssue } from "./issue.js";
import { registerMergeBatches } from "./merge-batches.js";
import { registerDecode2DDoc } from "./decode-2ddoc.js";
import { registerVerify } from "./verify.js";
import { registerHsm } from "./hsm.js";
import { registerRevoke } from "./revoke.js";
import { registerVerifier } from "./verifier.js";
import { registerCheck } from "./check.js";
import { registerPortal } from "./portal.js";
import { EXIT } from "./exit.js";
import { isOutputError } from "../output-error.js";

// A closed pipe or a full disk on standard output or error is an 'error' event on the stream; each write that meets it
// learns it from its own callback (src/cli/outputs.ts). Without a listener the event would end the process with a
// stack trace and no exit code of ours.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);

const program = new Command("dcc-converter")
  .description("French 2D-DOC to EU Digital COVID Certificate conversion")
  .exitOverride()
  .showHelpAfterError();

registerServe(program);
registerConvert(program);
registerBatch(program);
registerIssue(program);
registerMergeBatches(program);
registerDecode2DDoc(program);
registerVerify(program);
registerHsm(program);
registerRevoke(program);
registerVerifier(program);
registerCheck(program);
registerPortal(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (isOutputError(error)) {
    process.stderr.write(`dcc-converter: stopped: ${error.message}\n`);
    process.exitCode = EXIT.usage;
  } else {
    throw error;
  }
}
