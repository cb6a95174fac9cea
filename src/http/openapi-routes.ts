// GET /openapi.json and GET /docs: the API description and its HTML page, from the product's own
// assets (src/http/openapi/), prepared once when the app is built.
import { Router } from "express";
import { loadOpenApi } from "./openapi/document.js";
import { renderDocs } from "./openapi/render-docs.js";
import { locals } from "./request-context.js";

export function openApiRoutes(file?: URL): Router {
  const router = Router();
  const { document, text } = loadOpenApi(file);
  const html = renderDocs(document);
  router.get("/openapi.json", (_req, res) => {
    locals(res).code = "OK";
    res.type("application/json").send(text);
  });
  router.get("/docs", (_req, res) => {
    locals(res).code = "OK";
    res.type("text/html").send(html);
  });
  return router;
}
