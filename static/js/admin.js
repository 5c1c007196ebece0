// The Redaktion's live helpers in the admin. Every form works without them; they only save typing and show what
// will happen. Elements are found through data attributes (core/widgets.py) with one listener per kind of event,
// so inline rows added later are served too. Loaded as a module from templates/admin/base_site.html (strict CSP:
// no inline script anywhere).

const UMLAUTS = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "Ae", Ö: "Oe", Ü: "Ue" };
const SLUG_PLACEHOLDER = "__slug__";

/** The slug the server makes of `text` (core.text.german_slugify, then core.slugs.slug_unique_for's base). */
export function germanSlugify(text, maxLength = 200) {
  const slug = text
    .replace(/[äöüßÄÖÜ]/g, (char) => UMLAUTS[char])
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "")
    .toLowerCase()
    .replace(/[^\w\s-]/g, "")
    .replace(/[-\s]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  return (slug || "eintrag").slice(0, maxLength - 4).replace(/^-+|-+$/g, "");
}

// ---- Slugs from their sources, and the page's future address ---------------------------------------------------

function slugSources(slugInput) {
  // A source field sits in the same form row: its id is the slug's with the field name in place of "slug".
  return slugInput.dataset.slugSources
    .split(" ")
    .map((name) => document.getElementById(slugInput.id.replace(/slug$/, name)))
    .filter(Boolean);
}

function sourceText(field) {
  const value = field.value.trim();
  // A date contributes its year, as on the server („experten-forum-2026“).
  if (field.classList.contains("vDateField") || field.type === "date") {
    return value.match(/\d{4}/)?.[0] ?? "";
  }
  return value;
}

function showAddress(slugInput) {
  const address = document.getElementById(`${slugInput.id}_address`);
  if (!address || !slugInput.dataset.slugUrl) {
    return;
  }
  address.querySelector("output").textContent = slugInput.value
    ? slugInput.dataset.slugUrl.replace(SLUG_PLACEHOLDER, slugInput.value)
    : "";
  // Without a slug yet, the sentence beside it says where the address will come from.
  address.querySelector(".slug-address__pending").hidden = Boolean(slugInput.value);
}

function fillSlug(slugInput) {
  const text = slugSources(slugInput).map(sourceText).filter(Boolean).join(" ");
  slugInput.value = text ? germanSlugify(text, slugInput.maxLength > 0 ? slugInput.maxLength : 200) : "";
  showAddress(slugInput);
}

function followSources(event) {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.id) {
    return;
  }
  if (target.matches("[data-slug-sources]")) {
    if (event.type === "input") {
      // The editor writes the slug: leave it alone, unless it is emptied again.
      target.dataset.slugAuto = target.value === "" ? "on" : "off";
      showAddress(target);
    }
    return;
  }
  for (const slugInput of document.querySelectorAll('[data-slug-sources][data-slug-auto="on"]')) {
    if (slugSources(slugInput).includes(target)) {
      fillSlug(slugInput);
    }
  }
}

for (const slugInput of document.querySelectorAll("[data-slug-sources]")) {
  // Only a slug that is still empty is filled in: a saved (maybe published) address never changes by itself.
  slugInput.dataset.slugAuto = slugInput.value === "" ? "on" : "off";
}
for (const type of ["input", "change", "focusin"]) {
  // focusin: the admin's calendar sets a date without an input event and then focuses the field.
  document.addEventListener(type, followSources);
}

// ---- New inline rows: after the last one, with working references ----------------------------------------------

function positionInputs(prefix) {
  return [...document.querySelectorAll(`input[name^="${prefix}-"][name$="-position"]`)].filter(
    (input) => !input.name.includes("__prefix__"),
  );
}

document.addEventListener("formset:added", (event) => {
  const row = event.target;
  const prefix = event.detail?.formsetName;
  const index = row.id.split("-").pop();
  // Django renames ids and names of a new row, not the references to them.
  const references = ["aria-describedby", "aria-labelledby", "data-markdown-preview", "for"];
  for (const element of row.querySelectorAll(references.map((name) => `[${name}]`).join(", "))) {
    for (const name of references) {
      const value = element.getAttribute(name);
      if (value?.includes("__prefix__")) {
        element.setAttribute(name, value.replaceAll("__prefix__", index));
      }
    }
  }
  const position = row.querySelector('input[name$="-position"]');
  if (position && prefix) {
    const others = positionInputs(prefix)
      .filter((input) => input !== position)
      .map((input) => Number.parseInt(input.value, 10))
      .filter(Number.isFinite);
    if (others.length) {
      position.value = String(Math.max(...others) + 1);
    }
  }
});

// ---- Markdown preview -----------------------------------------------------------------------------------------

for (const button of document.querySelectorAll("[data-markdown-preview]")) {
  button.hidden = false;
}

document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-markdown-preview]") : null;
  if (!button) {
    return;
  }
  const field = button.closest(".markdown-field");
  const textarea = field.querySelector("textarea");
  const preview = field.querySelector(".markdown-field__preview");
  const body = preview.querySelector(".markdown-field__preview-body");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]")?.value ?? "";
  preview.hidden = false;
  try {
    const response = await fetch(button.dataset.markdownPreviewUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      body: new URLSearchParams({ text: textarea.value }),
      credentials: "same-origin",
    });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    // Rendered and sanitised on the server by the same renderer as the public pages (core.markup): safe HTML.
    body.innerHTML = await response.text();
  } catch {
    body.textContent = "Die Vorschau ließ sich nicht laden. Der Text wird trotzdem gespeichert.";
  }
  button.textContent = "Vorschau aktualisieren";
});
