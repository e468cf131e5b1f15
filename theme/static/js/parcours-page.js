// The parcours de recherche: commune + subject -> actors of the territory, comparable experiences, guides.
// All territory matching was computed at build time (territoires/parcours.py); this only looks up.
// State lives in the URL: /parcours/?commune=34164&themes=dechets,energie&aide=formation&etape=mobilisation

import { element, fetchJson as fetchUrl } from "./dom.js";
import { nameKey } from "./search-core.js";

const form = document.getElementById("parcours");
const base = form.dataset.base;
const site = form.dataset.site;
const communeInput = document.getElementById("commune-saisie");
const listbox = document.getElementById("commune-suggestions");
const message = document.getElementById("commune-message");
const errorBox = document.getElementById("parcours-erreur");
const results = document.getElementById("parcours-resultats");
const summary = document.getElementById("parcours-resume");
const offerSelect = document.getElementById("aide");
const stageSelect = document.getElementById("etape");

const MAX_SUGGESTIONS = 10;
const LEVEL_RANK = { local: 0, departement: 1, region: 2, national: 3 };
const cache = new Map();

let commune = null; // {code, name, department, population}
let suggestions = [];
let active = -1;
let typingTimer = null;

function fetchJson(path) {
  if (!cache.has(path)) cache.set(path, fetchUrl(base + path));
  return cache.get(path);
}

const numberFr = (n) => (n === null || n === undefined ? "" : n.toLocaleString("fr-FR"));

function departmentOf(code) {
  return code.startsWith("97") ? code.slice(0, 3) : code.slice(0, 2);
}

// ---- Step 1: commune suggestions --------------------------------------------------------

const MAX_PIECES = 4; // beyond this, the visitor is asked to type more letters

async function candidatesFor(text) {
  let entries;
  if (/^\d{2,5}$/.test(text)) {
    const piece = await fetchJson(`communes/cp-${text.slice(0, 2)}.json`).catch(() => []);
    entries = piece.filter((e) => e[5].split(" ").some((p) => p.startsWith(text)));
  } else {
    const key = nameKey(text);
    if (key.length < 2) return { hint: "Tapez au moins deux lettres du nom de votre commune." };
    // Pieces are sorted ranges of name keys; fetch those whose range meets the typed prefix.
    const index = await fetchJson("communes/index.json");
    const upper = key + "~";
    const names = index
      .filter(([start], i) => start < upper && (i + 1 === index.length || index[i + 1][0] > key))
      .map(([, name]) => name);
    if (names.length > MAX_PIECES) return { hint: "Beaucoup de communes commencent ainsi : tapez la suite du nom." };
    const pieces = await Promise.all(names.map((name) => fetchJson(`communes/${name}.json`)));
    entries = pieces.flat().filter((e) => e[0].startsWith(key));
    entries.sort((a, b) => (b[0] === key) - (a[0] === key) || (b[4] || 0) - (a[4] || 0));
  }
  const seen = new Set();
  return {
    entries: entries
      .filter((e) => !seen.has(e[1]) && seen.add(e[1]))
      .map((e) => e.slice(1)), // [code, name, department, population, postcodes]
  };
}

function closeList() {
  listbox.hidden = true;
  communeInput.setAttribute("aria-expanded", "false");
  communeInput.removeAttribute("aria-activedescendant");
  active = -1;
}

function setActive(index) {
  const options = listbox.querySelectorAll('[role="option"]');
  if (!options.length) return;
  active = (index + options.length) % options.length;
  options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
  communeInput.setAttribute("aria-activedescendant", options[active].id);
  options[active].scrollIntoView({ block: "nearest" });
}

async function departmentName(code) {
  const fiches = await fetchJson("fiches.json");
  return fiches.departements[code] ? fiches.departements[code].nom : code;
}

async function showSuggestions() {
  const text = communeInput.value.trim();
  commune = null;
  if (!text) {
    closeList();
    message.textContent = "";
    return;
  }
  const { entries, hint } = await candidatesFor(text);
  if (text !== communeInput.value.trim()) return; // the visitor typed on meanwhile
  listbox.replaceChildren();
  suggestions = (entries || []).slice(0, MAX_SUGGESTIONS);
  if (hint || !suggestions.length) {
    closeList();
    message.textContent = hint || "Aucune commune ne correspond : vérifiez l'orthographe ou essayez le code postal.";
    return;
  }
  const fiches = await fetchJson("fiches.json");
  suggestions.forEach(([code, name, department, population], i) => {
    const dep = fiches.departements[department];
    const option = element(
      "li",
      { id: `commune-option-${i}`, role: "option", "aria-selected": "false", "data-index": i },
      element("strong", {}, name),
      ` — ${dep ? dep.nom : department} (${department})`,
      population ? `, ${numberFr(population)} hab.` : "",
    );
    option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
    option.addEventListener("click", () => choose(i));
    listbox.append(option);
  });
  listbox.hidden = false;
  communeInput.setAttribute("aria-expanded", "true");
  message.textContent = `${suggestions.length} commune${suggestions.length > 1 ? "s" : ""} proposée${suggestions.length > 1 ? "s" : ""} : flèches haut et bas pour choisir, Entrée pour valider.`;
}

async function choose(index) {
  const [code, name, department, population] = suggestions[index];
  commune = { code, name, department, population };
  communeInput.value = `${name} (${department})`;
  closeList();
  message.textContent = `Commune choisie : ${name}, ${await departmentName(department)} (${department})${population ? `, ${numberFr(population)} habitants` : ""}.`;
  errorBox.textContent = "";
}

communeInput.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(showSuggestions, 120);
});
communeInput.addEventListener("keydown", (event) => {
  const open = !listbox.hidden;
  if (event.key === "ArrowDown") {
    event.preventDefault();
    if (open) setActive(active + 1);
    else showSuggestions().then(() => setActive(0));
  } else if (event.key === "ArrowUp" && open) {
    event.preventDefault();
    setActive(active - 1);
  } else if (event.key === "Enter" && open && active >= 0) {
    event.preventDefault();
    choose(active);
  } else if (event.key === "Escape" && open) {
    event.preventDefault();
    closeList();
  }
});
communeInput.addEventListener("blur", () => setTimeout(closeList, 150));

// ---- Step 2 and results ---------------------------------------------------------------

function selectedThemes() {
  return [...form.querySelectorAll('input[name="themes"]:checked')].map((box) => box.value);
}

function writeUrl() {
  const params = new URLSearchParams();
  params.set("commune", commune.code);
  const themes = selectedThemes();
  if (themes.length) params.set("themes", themes.join(","));
  if (offerSelect.value) params.set("aide", offerSelect.value);
  if (stageSelect.value) params.set("etape", stageSelect.value);
  history.replaceState(null, "", `?${params.toString().replace(/%2C/g, ",")}`);
}

function resultItem(record, reasons, extra) {
  return element(
    "li",
    {},
    element(
      "article",
      { class: "result" },
      element("h4", { class: "result__title" }, element("a", { href: site + record.url }, record.titre)),
      extra ? element("p", { class: "result__place" }, extra) : null,
      element("p", { class: "result__summary" }, record.resume),
      element("p", { class: "result__why" }, element("span", { class: "visually-hidden" }, "Pourquoi : "), reasons.join(" · ")),
    ),
  );
}

function fill(listId, items, emptyText) {
  const list = document.getElementById(listId);
  list.replaceChildren(...items);
  if (!items.length && emptyText) list.append(element("li", { class: "results__empty" }, emptyText));
}

async function showResults() {
  const themes = selectedThemes();
  const offer = offerSelect.value;
  const stage = stageSelect.value;
  const [fiches, territory] = await Promise.all([
    fetchJson("fiches.json"),
    fetchJson(`departements/${commune.department}.json`),
  ]);
  const labels = fiches.libelles;
  const department = fiches.departements[commune.department];
  const region = fiches.regions[department.region];
  const epci = territory.communes[commune.code] ? territory.communes[commune.code][1] : null;

  // Actors: those matching the subject (a chosen theme or the kind of help) first, most local
  // first; the others covering the territory after them, in a list of their own.
  const subjectChosen = themes.length > 0 || Boolean(offer);
  const actors = [];
  for (const [id, declared, epcis, communes] of territory.acteurs) {
    let level = declared;
    if (epcis || communes) {
      const here = (communes || []).includes(commune.code) || (epci && (epcis || []).includes(epci));
      if (here) level = "local";
      else if (declared === "local") continue;
    }
    const fiche = fiches.acteurs[id];
    const themeHits = themes.filter((t) => fiche.themes.includes(t));
    const offerHit = Boolean(offer && fiche.offres.includes(offer));
    const reasons = [
      level === "local"
        ? "intervient dans votre commune ou votre intercommunalité"
        : level === "departement"
          ? `intervient ${department.localisation}`
          : level === "region"
            ? `intervient ${region.localisation}`
            : "intervient dans toute la France",
    ];
    if (themeHits.length) reasons.push(`sur : ${themeHits.map((t) => labels.themes[t]).join(", ")}`);
    if (offerHit) reasons.push(`propose : ${labels.offres[offer]}`);
    const relevance = themeHits.length + (offerHit ? 2 : 0);
    actors.push({ fiche, level, relevance, reasons, matching: !subjectChosen || relevance > 0 });
  }
  actors.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.relevance - a.relevance || a.fiche.titre.localeCompare(b.fiche.titre, "fr"),
  );

  // Experiences: same subject; then same department, same region, comparable size.
  const sizeClass = fiches.experiences.length ? taille(commune.population, fiches) : null;
  const experiences = fiches.experiences
    .map((e) => {
      const themeHits = themes.filter((t) => e.themes.includes(t));
      const sameCommune = e.commune === commune.code;
      const sameDepartment = e.departement === commune.department;
      const sameRegion = !sameDepartment && e.region === department.region;
      const sameSize = Boolean(sizeClass && e.taille === sizeClass) && !sameCommune;
      const reasons = [];
      if (themeHits.length) reasons.push(`même thématique : ${themeHits.map((t) => labels.themes[t]).join(", ")}`);
      if (sameCommune) reasons.push("dans votre commune");
      else if (sameDepartment) reasons.push("dans le même département");
      if (sameRegion) reasons.push("dans la même région");
      if (sameSize) reasons.push(`commune de taille comparable (${numberFr(e.population)} habitants)`);
      const score = themeHits.length * 10 + (sameCommune ? 8 : sameDepartment ? 4 : sameRegion ? 2 : 0) + (sameSize ? 1 : 0);
      return { e, themeHits, reasons, score };
    })
    .filter((x) => !themes.length || x.themeHits.length)
    .sort((a, b) => b.score - a.score || a.e.titre.localeCompare(b.e.titre, "fr"));

  // Guides: the chosen stage first, then the subject; guides without themes suit every subject.
  const guides = fiches.guides
    .map((g) => {
      const themeHits = themes.filter((t) => g.themes.includes(t));
      const stageHit = Boolean(stage && g.etapes.includes(stage));
      const reasons = [];
      if (stageHit) reasons.push(`pour l'étape : ${labels.etapes[stage]}`);
      if (themeHits.length) reasons.push(`thématique : ${themeHits.map((t) => labels.themes[t]).join(", ")}`);
      if (!g.themes.length) reasons.push("utile quel que soit le sujet");
      return { g, themeHits, stageHit, reasons, keep: !themes.length || !g.themes.length || themeHits.length };
    })
    .filter((x) => x.keep)
    .sort((a, b) => b.stageHit - a.stageHit || b.themeHits.length - a.themeHits.length || a.g.titre.localeCompare(b.g.titre, "fr"));

  const peers = accompaniedPeers(fiches, commune, epci, department, sizeClass);

  const matching = actors.filter((a) => a.matching);
  const others = actors.filter((a) => !a.matching);
  fill(
    "res-acteurs",
    matching.map((a) => resultItem(a.fiche, a.reasons)),
    others.length
      ? "Aucun acteur de votre territoire n'est référencé sur ce sujet pour l'instant : voyez les autres acteurs ci-dessous, ou la cellule de conseil et d'orientation ci-dessus."
      : "Aucun acteur référencé sur ce territoire pour l'instant : contactez la cellule de conseil et d'orientation ci-dessus.",
  );
  fill("res-autres-acteurs", others.map((a) => resultItem(a.fiche, a.reasons)), "");
  document.getElementById("autres-acteurs").hidden = others.length === 0;
  fill(
    "res-experiences",
    experiences.map((x) => resultItem(x.e, x.reasons.length ? x.reasons : ["autre territoire"], x.e.lieu)),
    `Aucun retour d'expérience sur ${themes.length > 1 ? "ces thématiques" : "cette thématique"} pour l'instant.`,
  );
  const ownNotice = document.getElementById("res-pairs-vous");
  ownNotice.textContent = peers.own.join(" ");
  ownNotice.hidden = peers.own.length === 0;
  fill(
    "res-pairs",
    peers.list.map((p) => peerItem(p, fiches)),
    `Aucune collectivité ${department.localisation} ni de taille comparable ${region.localisation} n'apparaît pour l'instant dans la liste de l'ANCT.`,
  );
  fill("res-guides", guides.map((x) => resultItem(x.g, x.reasons.length ? x.reasons : ["guide général"])), "Aucun guide pour l'instant.");

  const subject = themes.length ? themes.map((t) => labels.themes[t]).join(", ") : "tous les sujets";
  summary.textContent =
    `${commune.name}, ${department.nom} (${commune.department})${commune.population ? `, ${numberFr(commune.population)} habitants` : ""}` +
    ` · Sujet : ${subject}` +
    (offer ? ` · Aide : ${labels.offres[offer]}` : "") +
    (stage ? ` · Étape : ${labels.etapes[stage]}` : "") +
    ` — ${matching.length} acteur${matching.length > 1 ? "s" : ""}${others.length ? ` (et ${others.length} autre${others.length > 1 ? "s" : ""} sur votre territoire)` : ""}, ${experiences.length} retour${experiences.length > 1 ? "s" : ""} d'expérience, ${guides.length} guide${guides.length > 1 ? "s" : ""}.`;
  results.hidden = false;
}

// Communes and intercommunalities accompanied by the ANCT, as close to the visitor's as can be:
// the same department first (communes of comparable size before the others), then communes of
// comparable size in the same region. Each says why it is shown.
const PEERS_SHOWN = 8;

function accompaniedPeers(fiches, commune, epci, department, sizeClass) {
  const labels = fiches.libelles;
  const sizes = (fiches.tailles || []).map(([id]) => id);
  const mySize = sizes.indexOf(sizeClass);
  const byPlace = new Map();
  for (const [service, level, code, name, departments, population, period, sheets] of fiches.accompagnes || []) {
    const key = `${level}:${code}`;
    if (!byPlace.has(key)) byPlace.set(key, { level, code, name, departments, population, services: [], sheets });
    byPlace.get(key).services.push(`${labels.services[service]}${period ? ` ${period}` : ""}`);
  }
  const own = [];
  const list = [];
  for (const place of byPlace.values()) {
    if (place.level === "commune" && place.code === commune.code) {
      own.push(`Votre commune a elle-même été accompagnée par l'ANCT : ${place.services.join(", ")}.`);
      continue;
    }
    if (place.level === "epci" && place.code === epci) {
      own.push(`Votre intercommunalité (${place.name}) a été accompagnée par l'ANCT : ${place.services.join(", ")}.`);
      continue;
    }
    const sameDepartment = place.departments.includes(commune.department);
    const sameRegion =
      !sameDepartment && place.departments.some((d) => fiches.departements[d] && fiches.departements[d].region === department.region);
    const size = place.level === "commune" ? sizes.indexOf(taille(place.population, fiches)) : -1;
    const comparable = mySize >= 0 && size >= 0 && Math.abs(size - mySize) <= 1;
    if (!sameDepartment && !(sameRegion && comparable)) continue;
    const reasons = [sameDepartment ? "même département" : "même région"];
    if (place.population) {
      reasons.push(place.level === "commune" ? `${numberFr(place.population)} habitants` : `intercommunalité de ${numberFr(place.population)} habitants`);
    }
    reasons.push(...place.services);
    const score = (sameDepartment ? 100 : 0) + (comparable ? 20 - 5 * Math.abs(size - mySize) : 0) + (place.level === "commune" ? 1 : 0);
    list.push({ place, reasons, score });
  }
  list.sort((a, b) => b.score - a.score || a.place.name.localeCompare(b.place.name, "fr"));
  return { own, list: list.slice(0, PEERS_SHOWN) };
}

function peerItem(peer, fiches) {
  const { place, reasons } = peer;
  const sheets = place.sheets.map((id) => fiches.experiences.find((e) => e.id === id)).filter(Boolean);
  const where = place.departments.map((d) => fiches.departements[d].nom).join(", ");
  return element(
    "li",
    {},
    element(
      "article",
      { class: "result" },
      element("h4", { class: "result__title" }, place.name, where ? ` (${where})` : ""),
      element("p", { class: "result__why" }, element("span", { class: "visually-hidden" }, "Pourquoi : "), reasons.join(" · ")),
      sheets.length
        ? element(
            "p",
            { class: "result__summary" },
            sheets.length > 1 ? "Retours d'expérience : " : "Retour d'expérience : ",
            ...sheets.flatMap((s, i) => [i ? ", " : "", element("a", { href: site + s.url }, s.titre)]),
          )
        : null,
    ),
  );
}

function taille(population, fiches) {
  if (population === null || population === undefined) return null;
  const bounds = fiches.tailles || [];
  for (const [id, min, max] of bounds) if (population >= min && (max === null || population <= max)) return id;
  return null;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!commune) {
    errorBox.textContent = "Choisissez d'abord votre commune dans la liste proposée.";
    communeInput.focus();
    return;
  }
  errorBox.textContent = "";
  writeUrl();
  try {
    await showResults();
  } catch (error) {
    errorBox.textContent = "Les résultats n'ont pas pu être chargés. Réessayez, ou utilisez les pages par département ci-dessous.";
    return;
  }
  results.focus();
});

document.getElementById("imprimer").addEventListener("click", () => window.print());

// ---- Start: restore the state from the URL ------------------------------------------------

async function restore() {
  const params = new URLSearchParams(location.search);
  const themes = (params.get("themes") || "").split(",").filter(Boolean);
  for (const box of form.querySelectorAll('input[name="themes"]')) box.checked = themes.includes(box.value);
  if (params.get("aide")) offerSelect.value = params.get("aide");
  if (params.get("etape")) stageSelect.value = params.get("etape");
  const code = params.get("commune");
  if (!code || !/^(\d{5}|2[AB]\d{3})$/.test(code)) return;
  try {
    const territory = await fetchJson(`departements/${departmentOf(code)}.json`);
    const entry = territory.communes[code];
    if (!entry) {
      errorBox.textContent = `Le code commune ${code} est inconnu : choisissez votre commune dans la liste.`;
      return;
    }
    commune = { code, name: entry[0], department: departmentOf(code), population: entry[2] };
    communeInput.value = `${entry[0]} (${commune.department})`;
    await showResults();
  } catch (error) {
    errorBox.textContent = "Les résultats n'ont pas pu être chargés.";
  }
}

form.hidden = false;
restore();
