// A real headless Chromium for the browser tests: Debian's `chromium` (scripts/setup.sh installs it), driven by
// playwright-core, never a downloaded browser. Every launch gets a fresh, empty profile folder, removed on close,
// and the flags that keep Chromium from calling out (a closed network refuses those connections).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TestBrowser {
  /** A persistent context on the fresh profile: what an agent's browser keeps is inspectable afterwards. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** The profile folder (storage, cache and history live here). */
  readonly profile: string;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "portal-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  // A hang guard, not a speed goal: a wait that never ends fails after 30 s (the whole suite shares two cores in CI).
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, BrowserContext, Page };

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now. The engine is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern: the policy stays untouched for the page's code.
 */
export async function axeViolations(page: Page): Promise<readonly AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Axe = { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) }));
  });
}
