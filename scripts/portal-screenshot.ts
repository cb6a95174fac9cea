// Development tool: the picture of the border portal in the README (docs/portal-scan.png). It starts the real
// verifier with the portal on (test/support/portal-service.ts, its clock inside travel-FR's windows), logs an agent in
// through Debian's Chromium, types the specimen 2D-DOC (specimen identity) like a laser reader and photographs the
// verdict.   node --import tsx scripts/portal-screenshot.ts [docs/portal-scan.png]
import { launchBrowser } from "../test/support/browser.js";
import { SPECIMEN } from "../test/support/own-documents.js";
import { startPortalService } from "../test/support/portal-service.js";

const output = process.argv[2] ?? "docs/portal-scan.png";
const service = await startPortalService({ allowed: "127.0.0.0/8", clearSeconds: 600, validationTime: "2021-12-20T10:00:00Z" });
const browser = await launchBrowser();
try {
  await service.addAgent("agent.specimen", "a specimen password");
  const page = browser.page;
  await page.goto(`${service.url}/portal/`);
  await page.fill("#agent", "agent.specimen");
  await page.fill("#password", "a specimen password");
  await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
  await page.locator("#barcode").waitFor();
  await page.keyboard.type(SPECIMEN.raw);
  await page.keyboard.press("Enter");
  await page.locator("#result .verdict").waitFor();
  await page.screenshot({ path: output, fullPage: true });
  process.stdout.write(`${output}\n`);
} finally {
  await browser.close();
  await service.close();
}
