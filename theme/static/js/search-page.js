// The search page: results as the visitor types, facets with live counts, state in the URL.
// Progressive enhancement of /recherche/: without JavaScript the page links to the static listings.
// lunr and the index are fetched only once the visitor starts a search.

import { element, fetchJson as fetchUrl, loadScript } from "./dom.js";
import { countFacets, createSearch, filterByFacets, findPlaces } from "./search-core.js";

const app = document.getElementById("search-app");
const form = document.getElementById("recherche");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const resultsList = document.getElementById("results");
const facetsBox = document.getElementById("facets");
const activeBox = document.getElementById("active-filters");
const helpBox = document.getElementById("search-help");
const placesBox = document.getElementById("places");
const placesList = document.getElementById("places-list");

const PAGE = 10; // results shown at once; "Afficher plus" adds as many

let engine = null; // { search, terms, prefixTerm, tokenize }
let meta = null;
let facetTable = null; // recherche/facettes.json, fetched after the first results
let facetNames = [];
let selected = {};
let shown = PAGE;
let loading = null;
let announceTimer = null;
let generation = 0; // the latest update wins when fetches come back out of order
const chunks = new Map();

const later = window.requestIdleCallback ? (fn) => requestIdleCallback(fn, { timeout: 500 }) : (fn) => setTimeout(fn, 50);

function fetchJson(path) {
  return fetchUrl(app.dataset.index + path);
}

async function load() {
  if (!loading) {
    loading = (async () => {
      const vendor = app.dataset.vendor;
      const [loadedMeta] = await Promise.all([
        fetchJson("meta.json"),
        (async () => {
          await loadScript(vendor + "lunr.min.js");
          await loadScript(vendor + "lunr.stemmer.support.min.js");
          await loadScript(vendor + "lunr.fr.min.js");
        })(),
      ]);
      meta = loadedMeta;
      engine = createSearch(window.lunr, meta, fetchJson);
      facetNames = Object.keys(meta.facettes);
    })();
  }
  return loading;
}

let facetsLoading = null;
function loadFacets() {
  facetsLoading = facetsLoading || fetchJson("facettes.json").then((table) => {
    facetTable = table;
    buildFacets();
  });
  return facetsLoading;
}

// Title, URL, summary and place of result number `doc` (fetched by chunks of documents).
async function record(doc) {
  const number = Math.floor(doc / meta.fiches_par_morceau);
  if (!chunks.has(number)) chunks.set(number, fetchJson(`fiches/f${String(number).padStart(3, "0")}.json`));
  const [id, type, titre, url, resume, lieu, archive] = (await chunks.get(number))[doc % meta.fiches_par_morceau];
  return { doc, id, type, titre, url, resume, lieu, archive: Boolean(archive) };
}

// ---- URL state -------------------------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selected = {};
  for (const [key, value] of params) {
    if (key !== "q" && value) selected[key] = value.split(",").filter(Boolean);
  }
}

function writeUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const facet of facetNames) {
    if (selected[facet] && selected[facet].length) params.set(facet, selected[facet].join(","));
  }
  const query = params.toString().replace(/%2C/g, ",");
  const search = query ? `?${query}` : "";
  if (location.search !== search) history.replaceState(null, "", search || location.pathname);
}

// While typing, the address follows once the visitor pauses: each history change makes the
// browser reconsider the page (favicon included), which would slow every keystroke down.
let urlTimer = null;
function scheduleUrl(immediately) {
  clearTimeout(urlTimer);
  urlTimer = null;
  if (immediately) writeUrl();
  else urlTimer = setTimeout(flushUrl, 400);
}
function flushUrl() {
  if (urlTimer === null) return;
  clearTimeout(urlTimer);
  urlTimer = null;
  writeUrl();
}

function hasFilters() {
  return facetNames.some((f) => selected[f] && selected[f].length);
}

// ---- Facets ------------------------------------------------------------------------------

function buildFacets() {
  facetsBox.replaceChildren();
  for (const facet of facetNames) {
    const labels = meta.libelles[facet] || {};
    const values = [...(facetTable.valeurs[facet] || [])].sort((a, b) =>
      facet === "type" ? 0 : (labels[a] || a).localeCompare(labels[b] || b, "fr"),
    );
    if (!values.length) continue;
    const legendId = `facette-${facet}`;
    const list = element("ul", { class: "facet__values" });
    for (const value of values) {
      const id = `f-${facet}-${value}`;
      const box = element("input", { type: "checkbox", id, name: facet, value });
      box.addEventListener("change", () => {
        const current = new Set(selected[facet] || []);
        if (box.checked) current.add(value);
        else current.delete(value);
        selected[facet] = [...current];
        shown = PAGE;
        update(true);
      });
      list.append(
        element(
          "li",
          { "data-value": value },
          box,
          " ",
          element("label", { for: id }, labels[value] || value, " ", element("span", { class: "facet__count" })),
        ),
      );
    }
    facetsBox.append(
      element(
        "fieldset",
        { class: "facet", "data-facet": facet, "aria-labelledby": legendId },
        element("legend", { id: legendId }, meta.facettes[facet]),
        list,
      ),
    );
  }
}

function syncChecked() {
  for (const box of facetsBox.querySelectorAll("input")) {
    const checked = (selected[box.name] || []).includes(box.value);
    if (box.checked !== checked) box.checked = checked;
  }
}

function refreshFacets(counts) {
  for (const fieldset of facetsBox.querySelectorAll("fieldset")) {
    const facet = fieldset.dataset.facet;
    const tally = counts[facet] || {};
    let visible = 0;
    for (const item of fieldset.querySelectorAll("li")) {
      const value = item.dataset.value;
      const box = item.querySelector("input");
      const checked = box.checked; // set by syncChecked() in the same update
      const count = tally[value] ?? (checked ? tally["*"] || 0 : 0);
      // Only what changed is touched: an unchanged list costs the browser no layout.
      const label = item.querySelector(".facet__count");
      if (label.textContent !== `(${count})`) label.textContent = `(${count})`;
      const hidden = count === 0 && !checked;
      if (item.hidden !== hidden) item.hidden = hidden;
      if (!hidden) visible += 1;
    }
    if (fieldset.hidden !== (visible === 0)) fieldset.hidden = visible === 0;
  }
}

function refreshActiveFilters() {
  activeBox.replaceChildren();
  if (!hasFilters()) return;
  const list = element("ul", { class: "active-filters__list", "aria-label": "Filtres actifs" });
  for (const facet of facetNames) {
    for (const value of selected[facet] || []) {
      const label = (meta.libelles[facet] || {})[value] || value;
      const button = element("button", { type: "button", class: "chip" }, `${label} `, element("span", { "aria-hidden": "true" }, "×"));
      button.setAttribute("aria-label", `Retirer le filtre ${meta.facettes[facet]} : ${label}`);
      button.addEventListener("click", () => {
        selected[facet] = (selected[facet] || []).filter((v) => v !== value);
        update(true);
        input.focus();
      });
      list.append(element("li", {}, button));
    }
  }
  const clear = element("button", { type: "button", class: "button--link" }, "Retirer tous les filtres");
  clear.addEventListener("click", () => {
    selected = {};
    update(true);
    input.focus();
  });
  activeBox.append(list, clear);
}

// ---- Results -----------------------------------------------------------------------------

// Index terms of each word met in results, computed once (the pipeline is the costly part).
const wordTerms = new Map();
function termsOf(word) {
  if (!wordTerms.has(word)) wordTerms.set(word, [engine.terms(word), engine.prefixTerm(word)]);
  return wordTerms.get(word);
}

// Text with the words matching the query wrapped in <mark>.
function highlighted(text, queryTerms, prefix) {
  const fragment = document.createDocumentFragment();
  for (const part of String(text).split(/(\s+)/)) {
    const word = part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    let hit = false;
    if (word) {
      const [terms, folded] = termsOf(word);
      hit = terms.some((t) => queryTerms.has(t)) || Boolean(prefix && folded && folded.startsWith(prefix));
    }
    if (hit) {
      const start = part.indexOf(word);
      fragment.append(part.slice(0, start), element("mark", {}, word), part.slice(start + word.length));
    } else {
      fragment.append(part);
    }
  }
  return fragment;
}

function renderResults(page, total, query) {
  const queryTerms = new Set();
  let prefix = null;
  if (query) {
    const tokens = engine.tokenize(query);
    for (const token of tokens) for (const term of engine.terms(token)) queryTerms.add(term);
    prefix = tokens.length ? engine.prefixTerm(tokens[tokens.length - 1]) : null;
  }
  resultsList.replaceChildren();
  const base = app.dataset.site;
  for (const doc of page) {
    const themes = facetTable
      ? (facetTable.fiches.theme[doc.doc] || []).map((i) => element("li", {}, meta.libelles.theme[facetTable.valeurs.theme[i]]))
      : [];
    resultsList.append(
      element(
        "li",
        {},
        element(
          "article",
          { class: `result result--${doc.type}` },
          element("p", { class: "result__kind" }, meta.libelles.type[doc.type] || doc.type, doc.archive ? " · archivée" : ""),
          element("h3", { class: "result__title" }, element("a", { href: base + doc.url }, highlighted(doc.titre, queryTerms, prefix))),
          doc.lieu ? element("p", { class: "result__place" }, doc.lieu) : null,
          element("p", { class: "result__summary" }, highlighted(doc.resume, queryTerms, prefix)),
          themes.length ? element("ul", { class: "tags", "aria-label": "Thématiques" }, ...themes) : null,
        ),
      ),
    );
  }
  if (total > page.length) {
    const more = element("button", { type: "button", class: "button--secondary" }, `Afficher ${plural(Math.min(PAGE, total - page.length), "résultat")} de plus`);
    more.addEventListener("click", async () => {
      const first = page.length;
      shown += PAGE;
      await update(true);
      const next = resultsList.children[first];
      if (next) next.querySelector("a").focus();
    });
    resultsList.append(element("li", { class: "results__more" }, more));
  }
}

// ---- Places: when what was typed names a commune, an intercommunality, a department or a region

const PLACE_KINDS = { c: "Commune", e: "Intercommunalité", d: "Département", r: "Région" };

function count(n, singular, plural) {
  return `${n === 0 ? "aucun" : n} ${n > 1 ? plural : singular}`;
}

function renderPlaces(places) {
  const base = app.dataset.site;
  placesList.replaceChildren(
    ...places.map(([kind, code, name, department, actors, experiences, accompanied]) => {
      const departmentLabel = meta.libelles.departement[department] || department;
      const where =
        kind === "c" || kind === "e"
          ? `${PLACE_KINDS[kind]} · ${departmentLabel}`
          : kind === "d"
            ? `Département (${code})`
            : PLACE_KINDS[kind];
      const page =
        kind === "r" ? `territoires/regions/${code}/` : kind === "d" ? `territoires/${code}/` : department ? `territoires/${department}/` : null;
      const links = [];
      if (page) {
        const label = kind === "c" || kind === "e" ? `Le département : ${departmentLabel}` : `La page ${kind === "r" ? "de la région" : "du département"}`;
        links.push(element("a", { href: base + page }, label));
      }
      if (kind === "c") links.push(element("a", { href: `${base}parcours/?commune=${code}` }, "Trouver de l'aide pour cette commune"));
      else links.push(element("a", { href: `${base}parcours/` }, "Trouver de l'aide pour une commune"));
      if (kind === "d" || kind === "r") {
        const facet = kind === "d" ? "departement" : "region";
        links.push(element("a", { href: `${base}recherche/?${facet}=${code}` }, "Toutes les fiches de ce territoire"));
      }
      const facts = [
        count(actors, "acteur local ou régional y intervient", "acteurs locaux ou régionaux y interviennent"),
        count(experiences, "retour d'expérience", "retours d'expérience"),
        kind === "c"
          ? count(accompanied, "accompagnement de l'ANCT (commune ou intercommunalité)", "accompagnements de l'ANCT (commune ou intercommunalité)")
          : count(accompanied, "territoire accompagné par l'ANCT", "territoires accompagnés par l'ANCT"),
      ];
      return element(
        "li",
        {},
        element(
          "article",
          { class: "place-card" },
          element("p", { class: "result__kind" }, where),
          element("h3", { class: "place-card__name" }, name),
          element("p", { class: "place-card__facts" }, facts.join(" · ")),
          element("ul", { class: "place-card__links" }, ...links.map((link) => element("li", {}, link))),
        ),
      );
    }),
  );
  placesBox.hidden = places.length === 0;
}

function announce(text, immediately) {
  clearTimeout(announceTimer);
  // Screen readers hear the count once the visitor pauses, not at every keystroke.
  announceTimer = setTimeout(() => (status.textContent = text), immediately ? 0 : 600);
}

function plural(n, word) {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

async function update(immediately = false) {
  const current = ++generation;
  const query = input.value.trim();
  scheduleUrl(immediately);
  if (hasFilters() && !facetTable) await loadFacets();
  let ranked;
  // Places are looked up beside the records and shown above them as soon as they come.
  const placesFound = query ? findPlaces(query, fetchJson).catch(() => []) : Promise.resolve([]);
  if (query) {
    ranked = (await engine.search(query)).map((r) => r.doc);
  } else if (hasFilters()) {
    ranked = Array.from({ length: meta.documents }, (_, i) => i);
  } else {
    ranked = [];
  }
  const kept = facetTable ? filterByFacets(ranked, selected, facetNames, facetTable) : ranked;
  const page = await Promise.all(kept.slice(0, shown).map(record));
  if (current !== generation) return; // a newer keystroke took over
  if (facetTable) {
    syncChecked(); // at once: a filter just chosen, or restored from the address, shows as chosen
    // Results first; the facet counts (a pass over every result) once the browser is idle.
    facetsBox.setAttribute("aria-busy", "true");
    later(() => {
      if (current !== generation) return;
      refreshFacets(countFacets(ranked, selected, facetNames, facetTable));
      facetsBox.removeAttribute("aria-busy");
    });
  } else if (query || hasFilters()) {
    facetsBox.setAttribute("aria-busy", "true"); // the filters are loading (below)
  } else {
    facetsBox.removeAttribute("aria-busy");
  }
  refreshActiveFilters();
  renderResults(page, kept.length, query);
  helpBox.hidden = !(query || hasFilters()) || kept.length > 0;
  facetsBox.hidden = !(query || hasFilters());
  if (!query && !hasFilters()) {
    announce("Tapez un ou plusieurs mots, ou choisissez un filtre.", true);
  } else if (!kept.length) {
    announce(query ? `Aucun résultat pour « ${query} »${hasFilters() ? " avec ces filtres" : ""}.` : "Aucun résultat avec ces filtres.", immediately);
  } else {
    announce(`${plural(kept.length, "résultat")}${query ? ` pour « ${query} »` : ""}.`, immediately);
  }
  if (!facetTable && (query || hasFilters())) {
    loadFacets().then(
      () => current === generation && update(true),
      () => facetsBox.removeAttribute("aria-busy"), // no filters, but the results stay
    );
  }
  const places = await placesFound;
  if (current !== generation) return;
  renderPlaces(places);
  if (places.length) {
    helpBox.hidden = true;
    const named = places.length > 1 ? `${places.length} lieux` : "1 lieu";
    announce(`${named} et ${plural(kept.length, "résultat")} pour « ${query} ».`, immediately);
  }
}

async function start(immediately) {
  try {
    await load();
  } catch (error) {
    status.textContent = "La recherche n'a pas pu se charger. Utilisez les listes ci-dessous.";
    return;
  }
  update(immediately);
}

input.addEventListener("input", () => {
  shown = PAGE;
  if (engine) update(false); // no delay: each keystroke searches; an older search is dropped
  else start(false);
});
input.addEventListener("focus", () => load().catch(() => {}), { once: true });
// Leaving the field or the page (a result followed) records the query typed last.
input.addEventListener("blur", flushUrl);
window.addEventListener("pagehide", flushUrl);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  shown = PAGE;
  start(true);
});
window.addEventListener("popstate", () => {
  readUrl();
  if (engine) update(true);
});

app.hidden = false;
readUrl();
if (input.value.trim() || Object.keys(selected).length) start(true);
else status.textContent = "Tapez un ou plusieurs mots, ou choisissez un filtre.";
