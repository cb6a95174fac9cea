// The border portal's scan page (README, "Border portal"). A laser reader in keyboard mode types the barcode into
// the focused field and ends with Enter; the page sends it to its own origin, clears the field, shows the verdict
// and the fields as text (never markup: Trusted Types forbid it), and clears the result after the configured time
// or at the next scan. Nothing is stored: no storage API is used, no URL or history entry is made.
"use strict";
(function portal() {
  const form = document.getElementById("scan-form");
  const field = document.getElementById("barcode");
  const ruleSet = document.getElementById("rule-set");
  const result = document.getElementById("result");
  const clearSeconds = Number(document.body.dataset.clearSeconds) || 60;
  let clearTimer = 0;
  let showing = false;

  function element(tag, className, children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children || []) node.append(child);
    return node;
  }

  /** French, then the English beside it, marked as English for screen readers. */
  function bilingual(label, separator) {
    const english = element("span", "en");
    english.lang = "en";
    english.textContent = (separator || " / ") + label.en;
    return [label.fr, english];
  }

  function heading() {
    const title = element("h2", "visually-hidden", bilingual({ fr: "Résultat", en: "Result" }));
    title.id = "result-heading";
    return title;
  }

  function status(label) {
    const paragraph = element("p", "status", bilingual(label));
    paragraph.id = "status";
    return paragraph;
  }

  function clearResult() {
    window.clearTimeout(clearTimer);
    showing = false;
    result.className = "result";
    result.replaceChildren(heading(), status({ fr: "En attente d'un scan.", en: "Waiting for a scan." }));
  }

  function rows(view) {
    const list = element("dl", "fields");
    for (const row of view.rows) {
      list.append(element("dt", "", bilingual(row.label)), element("dd", "", [row.value]));
    }
    return list;
  }

  function showResult(view) {
    const children = [heading(), element("p", "verdict", bilingual(view.headline, " — ")), element("p", "reason", bilingual(view.reason))];
    if (view.recovered) {
      children.push(
        element(
          "p",
          "note",
          bilingual({ fr: "Séparateurs reconstitués d'après les règles des champs.", en: "Separators restored from the field rules." }),
        ),
      );
    }
    if (view.title) children.push(element("h3", "", bilingual(view.title)));
    if (view.rows.length > 0) children.push(rows(view));
    result.className = `result verdict-${view.verdict}`;
    result.replaceChildren(...children);
    showing = true;
    window.clearTimeout(clearTimer);
    clearTimer = window.setTimeout(clearResult, clearSeconds * 1000);
  }

  function showProblem(label) {
    showResult({ verdict: "unreadable", headline: { fr: "ERREUR", en: "ERROR" }, reason: label, rows: [], recovered: false });
  }

  async function scan(barcode) {
    const response = await fetch("/portal/scan", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ barcode, ruleSet: ruleSet.value }),
      credentials: "same-origin",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    if (response.status === 401) {
      window.location.replace("/portal/");
      return;
    }
    if (!response.ok) {
      showProblem({ fr: "Le service n'a pas pu vérifier ce scan : réessayez.", en: "The service could not check this scan: try again." });
      return;
    }
    showResult(await response.json());
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const barcode = field.value;
    field.value = "";
    clearResult();
    if (barcode.trim() === "") return;
    scan(barcode)
      .catch(() => showProblem({ fr: "Le service ne répond pas : réessayez.", en: "The service does not answer: try again." }))
      .finally(() => field.focus());
  });

  // The next scan clears the previous result as soon as the reader starts typing.
  field.addEventListener("input", () => {
    if (showing) clearResult();
  });

  field.focus();
})();
