// The portal's two pages, rendered on the server (README, "Border portal"). No inline script or style anywhere
// (the Content-Security-Policy allows only the portal's own files, security-headers.ts); every visible text in
// French with its English beside it; a label on every field; landmarks and a heading structure for screen readers.
import type { Label } from "../print/labels.js";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** `Français <span lang="en">English</span>`: the English half marked for screen readers' pronunciation. */
export function bilingual(label: Label, separator = " / "): string {
  return `${escapeHtml(label.fr)}<span class="en" lang="en">${escapeHtml(separator)}${escapeHtml(label.en)}</span>`;
}

const TITLE: Label = { fr: "Portail frontière — vérification des certificats", en: "Border portal — certificate checks" };

function page(body: string, bodyAttributes = ""): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(TITLE.fr)}</title>
<link rel="stylesheet" href="/portal/assets/portal.css">
</head>
<body${bodyAttributes}>
<header class="banner"><p class="product">${bilingual(TITLE)}</p></header>
${body}
</body>
</html>
`;
}

export const LOGIN_MESSAGES = {
  failed: { fr: "Identifiant ou mot de passe incorrect.", en: "Wrong identifier or password." },
  locked: {
    fr: "Identifiant bloqué après trop d'échecs : réessayez plus tard.",
    en: "Identifier locked after too many failures: try again later.",
  },
  busy: { fr: "Service occupé : réessayez dans un instant.", en: "Service busy: try again in a moment." },
} as const satisfies Record<string, Label>;

export type LoginMessage = keyof typeof LOGIN_MESSAGES;

export function loginPage(message?: LoginMessage): string {
  const alert = message === undefined ? "" : `<p class="alert" role="alert">${bilingual(LOGIN_MESSAGES[message])}</p>`;
  return page(`<main id="main" class="login">
<h1>${bilingual({ fr: "Identification de l'agent", en: "Agent login" })}</h1>
${alert}
<form method="post" action="/portal/login" autocomplete="off">
<p><label for="agent">${bilingual({ fr: "Identifiant", en: "Identifier" })}</label>
<input id="agent" name="agent" type="text" required autocomplete="username" autocapitalize="none" spellcheck="false" autofocus></p>
<p><label for="password">${bilingual({ fr: "Mot de passe", en: "Password" })}</label>
<input id="password" name="password" type="password" required autocomplete="current-password"></p>
<p><button type="submit">${bilingual({ fr: "Se connecter", en: "Log in" })}</button></p>
</form>
</main>`);
}

export interface ScanPageOptions {
  readonly agent: string;
  readonly ruleSets: readonly string[];
  readonly defaultRuleSet: string;
  readonly clearSeconds: number;
}

function ruleSetOptions(options: ScanPageOptions): string {
  return options.ruleSets
    .map((id) => `<option value="${escapeHtml(id)}"${id === options.defaultRuleSet ? " selected" : ""}>${escapeHtml(id)}</option>`)
    .join("");
}

export function scanPage(options: ScanPageOptions): string {
  return page(
    `<main id="main">
<h1 class="visually-hidden">${bilingual({ fr: "Lecture d'un certificat", en: "Certificate scan" })}</h1>
<div class="toolbar">
<p class="agent">${bilingual({ fr: "Agent connecté", en: "Signed-in agent" })} : <strong>${escapeHtml(options.agent)}</strong></p>
<form method="post" action="/portal/logout" class="logout"><button type="submit">${bilingual({ fr: "Se déconnecter", en: "Log out" })}</button></form>
</div>
<form id="scan-form" class="scan" autocomplete="off" novalidate>
<p class="field"><label for="barcode">${bilingual({ fr: "Code-barres (lecteur laser)", en: "Barcode (laser reader)" })}</label>
<input id="barcode" name="barcode" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" autofocus
 aria-describedby="barcode-help"></p>
<p id="barcode-help" class="help">${bilingual({ fr: "Scannez le code ; le lecteur termine par Entrée.", en: "Scan the code; the reader ends with Enter." })}</p>
<p class="field"><label for="rule-set">${bilingual({ fr: "Règles appliquées", en: "Rules applied" })}</label>
<select id="rule-set" name="ruleSet">${ruleSetOptions(options)}</select></p>
</form>
<section id="result" class="result" aria-live="polite" aria-labelledby="result-heading">
<h2 id="result-heading" class="visually-hidden">${bilingual({ fr: "Résultat", en: "Result" })}</h2>
<p id="status" class="status">${bilingual({ fr: "En attente d'un scan.", en: "Waiting for a scan." })}</p>
</section>
</main>
<script src="/portal/assets/portal.js" defer></script>`,
    ` data-clear-seconds="${options.clearSeconds}"`,
  );
}
