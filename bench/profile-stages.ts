// Attributes the samples of a V8 CPU profile (`node --cpu-prof`) to the stages of a conversion. A sample goes to
// the first stage, in the order below, that has a frame on the sample's stack (by source file or function
// name): the specific stages come first, so the CBOR encoder called by the COSE stage counts as COSE, a
// log line written from the response's `finish` event counts as logging, a continuation resumed by a
// thread's reply counts as the stage it runs. V8's own pseudo-frames: (garbage collector), (program) = native
// code with no JavaScript on the stack (the event loop, system calls, structured-clone deserialisation).
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

type Rule = readonly [stage: string, test: RegExp];

const MAIN: readonly Rule[] = [
  ["metrics (prom-client)", /prom-client/],
  ["logging (pino, redaction, access log line)", /\/pino|redact|sonic-boom|src\/logging\.ts/],
  ["revocation check (3× SHA-256 when kinds present)", /src\/revocation\//],
  ["payload check (ajv + value sets)", /check-payload\.ts|schema-validator\.ts|\/ajv|value-sets\.ts/],
  ["UVCI (main thread: concat, base32, Luhn)", /src\/dcc\/uvci\.ts/],
  ["zlib", /src\/dcc\/zlib\.ts|node:zlib/],
  ["base45", /src\/dcc\/base45\.ts|\/base45\//],
  ["COSE (Sig_structure, SHA-256, COSE_Sign1)", /src\/dcc\/cose\.ts/],
  ["CWT claims + CBOR", /src\/dcc\/(encode|cwt|cbor)\.ts|cbor-x/],
  ["vault (key-vault, hsm-link: main thread)", /src\/hsm\//],
  ["hand-overs (thread client, postMessage, clone)", /src\/workers\/|node:internal\/worker|messageport/],
  ["response (res.json, headers, socket write)", /conversion-response\.ts|express\/lib\/response|_http_outgoing/],
  ["orchestration (convert.ts, observe-conversion)", /src\/convert\.ts|observe-conversion\.ts|conversions-routes\.ts/],
  ["request body (JSON parse)", /json-body\.ts|body-parser|raw-body|iconv-lite|type-is|content-type/],
  ["auth + rate limit", /src\/http\/(auth|api-rate-limit|rate-limit)\.ts|rate-limiter-flexible/],
  ["helmet", /\/helmet\//],
  ["express routing + other middleware", /\/express\/|\/router\/|src\/http\/|finalhandler|on-finished/],
  ["node http (parser, server, incoming)", /node:_http_server|node:_http_common|node:_http_incoming/],
  ["sockets, streams", /node:net|node:internal\/stream|node:stream/],
  ["promises, timers, nextTick", /task_queues|node:internal\/timers|node:timers/],
];

// A conversion worker runs the whole pipeline (src/workers/conversion-worker.ts): its stages, specific ones first.
const WORKER: readonly Rule[] = [
  ["HSM: DSC signature + UVCI HMAC (C_SignInit + C_Sign on the worker's session)", /^(hmacSha256|signDigest) |src\/hsm\//],
  ["revocation check (3× SHA-256 when kinds present)", /src\/revocation\//],
  ["payload check (ajv + value sets)", /check-payload\.ts|schema-validator\.ts|\/ajv|value-sets\.ts/],
  ["UVCI (concat, base32, Luhn)", /src\/dcc\/uvci\.ts/],
  ["zlib", /src\/dcc\/zlib\.ts|node:zlib/],
  ["base45", /src\/dcc\/base45\.ts|\/base45\//],
  ["COSE (Sig_structure, SHA-256, COSE_Sign1)", /src\/dcc\/cose\.ts/],
  ["CWT claims + CBOR", /src\/dcc\/(encode|cwt|cbor)\.ts|cbor-x/],
  ["2D-DOC verify (ECDSA P-256, trust store)", /src\/twoddoc\/(verify|trust-store)\.ts|src\/crypto\//],
  ["normalise + parse", /src\/twoddoc\//],
  ["mapping", /src\/mapping\//],
  ["hand-overs (receive, reply, clone)", /src\/workers\/|node:internal\/worker|messageport/],
  ["orchestration (convert.ts)", /src\/convert\.ts/],
  ["promises, timers", /task_queues|node:internal\/timers/],
];

const VAULT: readonly Rule[] = [
  ["UVCI HMAC (C_SignInit + C_Sign)", /^hmacSha256 /],
  ["ECDSA sign (C_SignInit + C_Sign)", /^signDigest /],
  ["session pool", /session-pool\.ts/],
  ["hand-overs (receive, reply, clone)", /src\/workers\/|node:internal\/worker|messageport/],
  ["promises, timers", /task_queues|node:internal\/timers/],
];

function threadOf(profile: CpuProfile): { thread: string; rules: readonly Rule[] } {
  const urls = profile.nodes.map((node) => node.callFrame.url);
  if (urls.some((url) => url.includes("vault-thread"))) return { thread: "vault thread", rules: VAULT };
  if (urls.some((url) => url.includes("conversion-worker"))) return { thread: "conversion worker", rules: WORKER };
  return { thread: "main thread", rules: MAIN };
}

/** Microseconds of samples per stage between `from` and `to` (µs, CLOCK_MONOTONIC as the profile's own). */
export function attribute(
  profile: CpuProfile,
  from: number,
  to: number,
): { thread: string; stages: Map<string, number>; leaves: Map<string, Map<string, number>> } {
  const { thread, rules } = threadOf(profile);
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOf = new Map<number, string | undefined>();
  const classify = (id: number): string | undefined => {
    if (stageOf.has(id)) return stageOf.get(id);
    const leaf = byId.get(id)!.callFrame.functionName;
    let stage: string | undefined;
    if (leaf === "(idle)") stage = undefined;
    else if (leaf === "(garbage collector)") stage = "garbage collector";
    else if (leaf === "(program)") stage = "native, no JS on the stack (event loop, syscalls, clone)";
    else {
      const frames: string[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const { functionName, url } = byId.get(at)!.callFrame;
        frames.push(`${functionName} ${url}`);
      }
      stage = rules.find(([, test]) => frames.some((frame) => test.test(frame)))?.[0] ?? "other JavaScript";
    }
    stageOf.set(id, stage);
    return stage;
  };
  const stages = new Map<string, number>();
  // Per stage, the time of its three innermost frames (what a reader needs to see why a stage costs).
  const leaves = new Map<string, Map<string, number>>();
  const leafOf = (id: number): string => {
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined && names.length < 3; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      names.push(`${functionName || "(anonymous)"}@${url.split("/").slice(-2).join("/")}`);
    }
    return names.join(" < ");
  };
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    time += profile.timeDeltas[i]!;
    const delta = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample
    if (time < from || time > to) continue;
    const stage = classify(profile.samples[i]!);
    if (stage === undefined) continue;
    stages.set(stage, (stages.get(stage) ?? 0) + delta);
    const byLeaf = leaves.get(stage) ?? new Map<string, number>();
    const leaf = leafOf(profile.samples[i]!);
    byLeaf.set(leaf, (byLeaf.get(leaf) ?? 0) + delta);
    leaves.set(stage, byLeaf);
  }
  return { thread, stages, leaves };
}
