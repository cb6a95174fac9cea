// `dcc-converter portal add-agent ID` (README, "Border portal"): adds an agent to PORTAL_AGENTS_FILE (or `--file`),
// or resets its password. The password is read from standard input (its first line), never from an argument or the
// environment, which other processes can read. Exit 0 when written, 2 on a usage or file error.
import type { Command } from "commander";
import { isConverterError } from "../errors.js";
import { AGENT_ID, writeAgent } from "../portal/agents-file.js";
import { hashPassword } from "../portal/password-hash.js";
import { EXIT } from "./exit.js";

/** NIST SP 800-63B §5.1.1.2: at least 8 characters; at least 12 asked of agents who guard a border. */
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;

/** The first line of standard input, as UTF-8 (the browser sends the password as UTF-8 too). */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function usage(message: string): void {
  process.stderr.write(`portal add-agent: ${message}\n`);
  process.exitCode = EXIT.usage;
}

async function addAgent(id: string, options: { file?: string }): Promise<void> {
  const file = options.file ?? process.env["PORTAL_AGENTS_FILE"]?.trim();
  if (file === undefined || file === "") return usage("PORTAL_AGENTS_FILE is not set (or give --file)");
  if (!AGENT_ID.test(id)) return usage("the identifier must be letters, digits, '.', '_' or '-' (at most 64)");
  const password = await readPassword();
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    return usage(`the password read from standard input must have ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`);
  }
  try {
    const outcome = writeAgent(file, id, await hashPassword(password));
    process.stdout.write(`portal add-agent: ${outcome === "added" ? "added" : "password reset for"} ${id}\n`);
  } catch (error) {
    usage(isConverterError(error) ? `${error.code} ${error.field ?? ""}`.trim() : "the agents file cannot be written");
  }
}

export function registerPortal(program: Command): void {
  const portal = program.command("portal").description("the border portal's agents");
  portal
    .command("add-agent")
    .description("add an agent or reset its password (read from standard input) in PORTAL_AGENTS_FILE")
    .argument("<id>", "the agent's identifier")
    .option("--file <path>", "the agents file (default: PORTAL_AGENTS_FILE)")
    .action(addAgent);
}
