// STUB: replaced by the issue that builds these routes.
import { Router } from "express";
import type { AppDeps } from "./deps.js";

export function certificatesRoutes(_deps: AppDeps): Router {
  return Router();
}
