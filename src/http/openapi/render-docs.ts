// GET /docs: the API description as one self-contained HTML page, rendered once at start from the
// document itself (no script, no CDN, no asset outside this page): each operation with its parameters,
// request and answers, then the schemas. `code` spans of the descriptions are kept; all else is escaped.
import { createHash } from "node:crypto";
import type { OpenApiDocument, OpenApiOperation } from "./document.js";

/** The page's one style sheet, inline: the Content-Security-Policy admits exactly these bytes (by hash), nothing else. */
const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}pre{background:#f5f5f5;padding:.6rem;overflow:auto;font-size:13px}
section{border-top:1px solid #ddd;margin-top:1.5rem}.method{background:#224;color:#fff;padding:0 .4rem;border-radius:3px}h4{margin-bottom:.2rem}`;

/**
 * The page's Content-Security-Policy (CSP Level 3): nothing may load, run or submit but its own inline style, named by
 * its SHA-256; no frame may hold it; its links are plain navigations, which the policy does not govern.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE, "utf8").digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function prose(text: string | undefined): string {
  if (text === undefined) return "";
  return `<p>${escape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")}</p>`;
}

/** A schema as indented JSON, each `$ref` a link to its schema below. */
function schemaBlock(schema: unknown): string {
  const json = escape(JSON.stringify(schema, null, 2));
  return `<pre>${json.replace(/&#34;#\/components\/(schemas|responses)\/([A-Za-z0-9]+)&#34;/g, '<a href="#$1-$2">$2</a>')}</pre>`;
}

function contentBlock(content: Readonly<Record<string, { schema?: unknown }>> | undefined): string {
  if (content === undefined) return "";
  return Object.entries(content)
    .map(([type, media]) => `<h5>${escape(type)}</h5>${schemaBlock(media.schema ?? {})}`)
    .join("");
}

function operationBlock(path: string, method: string, operation: OpenApiOperation): string {
  const parameters = (operation.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required === true ? ", required" : ""}) ${escape(p.description ?? "")}</li>`,
    )
    .join("");
  const responses = Object.entries(operation.responses)
    .map(([status, response]) => {
      const name = escape(response.$ref?.split("/").pop() ?? "");
      const reference = response.$ref === undefined ? "" : ` <a href="#responses-${name}">${name}</a>`;
      return `<h4>${escape(status)}${reference}</h4>${prose(response.description)}${contentBlock(response.content)}`;
    })
    .join("");
  return `<section id="${escape(operation.operationId ?? path)}"><h3><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
${prose(operation.summary)}${prose(operation.description)}
${parameters === "" ? "" : `<h4>Parameters</h4><ul>${parameters}</ul>`}
${operation.requestBody === undefined ? "" : `<h4>Request body</h4>${contentBlock(operation.requestBody.content)}`}
<h4>Answers</h4>${responses}</section>`;
}

/** Every operation of the document, in path order then METHODS order. */
function operationsOf(document: OpenApiDocument): Array<{ path: string; method: string; operation: OpenApiOperation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] === undefined ? [] : [{ path, method, operation: item[method] }])),
  );
}

export function renderDocs(document: OpenApiDocument): string {
  const all = operationsOf(document);
  const operations = all.map(({ path, method, operation }) => operationBlock(path, method, operation));
  const toc = all
    .map(
      ({ path, method, operation }) =>
        `<li><a href="#${escape(operation.operationId ?? path)}">${method.toUpperCase()} ${escape(path)}</a></li>`,
    )
    .join("");
  const components = [
    ...Object.entries(document.components.responses).map(
      ([name, r]) =>
        `<section id="responses-${escape(name)}"><h3>${escape(name)}</h3>${prose(r.description)}${contentBlock(r.content)}</section>`,
    ),
    ...Object.entries(document.components.schemas).map(
      ([name, s]) => `<section id="schemas-${escape(name)}"><h3>${escape(name)}</h3>${schemaBlock(s)}</section>`,
    ),
  ].join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)} ${escape(document.info.version)} — API</title>
<style>${STYLE}</style></head>
<body><h1>${escape(document.info.title)} ${escape(document.info.version)}</h1>${prose(document.info.description)}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>
<h2>Operations</h2><ul>${toc}</ul>${operations.join("\n")}<h2>Components</h2>${components}</body></html>
`;
}
