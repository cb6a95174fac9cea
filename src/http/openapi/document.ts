// The API description (OpenAPI 3.1, assets/openapi.json): read once at start, served as is at
// GET /openapi.json and rendered at GET /docs. scripts/test.sh lints it (redocly); the integration tests
// validate every answer they receive against it (test/support/openapi-validator.ts).
import { readFileSync } from "node:fs";

export const OPENAPI_FILE = new URL("../../../assets/openapi.json", import.meta.url);
/** The verifier's description (`dcc-converter verifier`, docs/verification.md). */
export const VERIFIER_OPENAPI_FILE = new URL("../../../assets/verifier-openapi.json", import.meta.url);

export interface OpenApiOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: ReadonlyArray<Record<string, unknown>>;
  readonly parameters?: ReadonlyArray<{ name: string; in: string; required?: boolean; description?: string }>;
  readonly requestBody?: { readonly content: Readonly<Record<string, { schema?: unknown }>> };
  readonly responses: Readonly<
    Record<string, { $ref?: string; description?: string; content?: Readonly<Record<string, { schema?: unknown }>> }>
  >;
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, unknown>>;
    readonly responses: Readonly<Record<string, { description?: string; content?: Readonly<Record<string, { schema?: unknown }>> }>>;
  };
}

export function loadOpenApi(file: URL = OPENAPI_FILE): { readonly document: OpenApiDocument; readonly text: string } {
  const text = readFileSync(file, "utf8");
  return { document: JSON.parse(text) as OpenApiDocument, text };
}
