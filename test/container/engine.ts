// Whether a container engine answers (docs/operations.md "Where no registry is reachable": none runs on
// the project's machines by default; .ci/run starts a private one and sets DOCKER_HOST). Without one, testcontainers fails in
// milliseconds with "Could not find a working container runtime strategy".
import { getContainerRuntimeClient } from "testcontainers";

/**
 * `undefined` when an engine answers; otherwise why not, after printing the one line
 * docs/operations.md "Where no registry is reachable" describes.
 * DCC_REQUIRE_CONTAINER_ENGINE=1 (set by .ci/run) turns "not reachable" into a failure: CI must run the suite.
 */
export async function engineUnavailable(suite: string): Promise<string | undefined> {
  try {
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    const where = process.env["DOCKER_HOST"] ?? "no DOCKER_HOST, no default socket";
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown";
    if (process.env["DCC_REQUIRE_CONTAINER_ENGINE"] === "1") {
      throw new Error(`${suite}: a container engine is required here but none answers (${where}): ${reason}`, { cause: error });
    }
    console.log(`# ${suite}: no container engine reachable (${where}); not run`);
    return reason;
  }
}
