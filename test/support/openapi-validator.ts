// Keeps the API descriptions true (assets/openapi.json, assets/verifier-openapi.json): every answer the real service sends during an
// integration test is checked against it — the route exists, the status is described, the media type
// is one the operation names and the body (JSON, problem+json, each NDJSON line, text patterns) matches
// its schema. Attached to the service's HTTP server, so the tests themselves need no change.
// `/readyz` and `/metrics` belong to the operations listener (docs/operations.md), not to this document.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadOpenApi, OPENAPI_FILE, VERIFIER_OPENAPI_FILE, type OpenApiOperation } from "../../src/http/openapi/document.js";

const OPERATIONS_ROUTES = new Set(["/readyz", "/metrics"]);
const TAC_PREFIXES = ["/api/client/convertor/", "/api/v2/client/convertor/"];

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** The answer checker of one API description. */
function checkerFor(file: URL, docId: string): (exchange: Exchange) => string | undefined {
  const { document } = loadOpenApi(file);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat("byte", /^[A-Z0-9+/]*={0,2}$/i);
  ajv.addSchema(document as object, docId);

  function validatorAt(path: string): ValidateFunction {
    const validate = ajv.getSchema(`${docId}#/${path}`);
    if (validate === undefined) throw new TypeError(`no schema at ${path}`);
    return validate;
  }

  /** The catch-alls the document states in words: 404 problem+json, or the app's format under its prefixes. */
  function undocumentedProblems(exchange: Exchange): string | undefined {
    const json = (schema: string) =>
      exchange.contentType.startsWith("application/") &&
      validatorAt(pointer("components", "schemas", schema))(JSON.parse(exchange.body.toString("utf8")));
    if (TAC_PREFIXES.some((p) => exchange.path.startsWith(p))) {
      return (exchange.status === 404 || exchange.status === 405) && json("TacError")
        ? undefined
        : "TousAntiCovid route missing from the document";
    }
    if (exchange.status === 404 && exchange.contentType === "application/problem+json" && json("Problem")) return undefined;
    return "route missing from the document";
  }

  function checkBody(exchange: Exchange, schemaPath: string): string | undefined {
    const text = exchange.body.toString("utf8");
    const validate = validatorAt(schemaPath);
    const check = (value: unknown) => (validate(value) ? undefined : ajv.errorsText(validate.errors));
    if (exchange.contentType === "application/json" || exchange.contentType === "application/problem+json") {
      return check(JSON.parse(text));
    }
    if (exchange.contentType === "application/x-ndjson") {
      for (const line of text.split("\n").filter((l) => l !== "")) {
        const error = check(JSON.parse(line));
        if (error !== undefined) return error;
      }
      return undefined;
    }
    if (exchange.contentType === "text/plain") return check(text);
    return undefined; // images, PDF and HTML: the media type is the contract
  }

  /** What is wrong with one answer, or undefined. */
  function checkExchange(exchange: Exchange): string | undefined {
    if (OPERATIONS_ROUTES.has(exchange.path) || exchange.method === "HEAD") return undefined;
    const operation: OpenApiOperation | undefined = document.paths[exchange.path]?.[exchange.method.toLowerCase()];
    if (operation === undefined) return undocumentedProblems(exchange);
    const base = pointer("paths", exchange.path, exchange.method.toLowerCase(), "responses", String(exchange.status));
    const response = operation.responses[String(exchange.status)];
    if (response === undefined) return `status ${exchange.status} is not described`;
    const resolved =
      response.$ref === undefined
        ? { path: base, content: response.content }
        : { path: response.$ref.slice(2), content: document.components.responses[response.$ref.split("/").pop()!]?.content };
    if (resolved.content === undefined) return exchange.body.length === 0 ? undefined : "a body where none is described";
    if (!(exchange.contentType in resolved.content)) return `media type ${exchange.contentType} is not described`;
    return checkBody(exchange, `${resolved.path}/${pointer("content", exchange.contentType, "schema")}`);
  }
  return checkExchange;
}

/** The converter's description (assets/openapi.json). */
export const checkExchange = checkerFor(OPENAPI_FILE, "openapi.json");
/** The verifier's description (assets/verifier-openapi.json). */
export const checkVerifierExchange = checkerFor(VERIFIER_OPENAPI_FILE, "verifier-openapi.json");

function capture(req: IncomingMessage, res: ServerResponse, report: (exchange: Exchange) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
    );
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    return write(chunk, encoding, callback);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    return end(chunk, encoding, callback);
  }) as ServerResponse["end"];
  res.once("finish", () => {
    const contentType = String(res.getHeader("content-type") ?? "")
      .split(";")[0]!
      .trim();
    report({
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0]!,
      status: res.statusCode,
      contentType,
      body: Buffer.concat(chunks),
    });
  });
}

/** Checks every answer of the server from now on; `violations()` lists what did not match (route, status, why). */
export function watchAnswers(
  server: Server,
  check: (exchange: Exchange) => string | undefined = checkExchange,
): { violations(): string[] } {
  const found: string[] = [];
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) =>
    capture(req, res, (exchange) => {
      let problem: string | undefined;
      try {
        problem = check(exchange);
      } catch (error) {
        problem = `unreadable body (${(error as Error).name})`;
      }
      if (problem !== undefined) found.push(`${exchange.method} ${exchange.path} → ${exchange.status} ${exchange.contentType}: ${problem}`);
    }),
  );
  return { violations: () => [...found] };
}
