// /parcours/besoin/: the questions as one form, the summary "Votre besoin" at once, the answers
// kept in the address (to share with the municipal council) and printable. Without JavaScript the
// page offers the same questions as links to static pages.
// The summary is assembled from parcours/besoin.json exactly as territoires/need.py summary() does.

import { element, fetchJson } from "./dom.js";

const form = document.getElementById("besoin");
const result = document.getElementById("votre-besoin");
const errorBox = document.getElementById("besoin-erreur");
const site = form.dataset.site;
const FIELDS = ["attente", "etape", "temps", "budget", "equipe", "taille"];
let loading = null;

const load = () => (loading = loading || fetchJson(form.dataset.data));
const numberFr = (n) => n.toLocaleString("fr-FR");
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);

function answers() {
  const data = new FormData(form);
  return Object.fromEntries(FIELDS.map((name) => [name, data.get(name) || ""]));
}

function summary(data, level, stage, size, means) {
  const bySize = data.niveaux[level].taille;
  const ownSize = Boolean(size) && size in bySize;
  const entry = bySize[size] || bySize["*"] || { exemples: [], demarches: [] };
  const offers = [];
  const reasons = {};
  const sources = (stage ? [["etape", data.etapes[stage].offres]] : []).concat(
    means.filter((m) => m in data.moyens).map((m) => ["moyens", data.moyens[m].offres]),
  );
  for (const [source, ids] of sources) {
    for (const offer of ids) {
      if (!offers.includes(offer)) offers.push(offer);
      (reasons[offer] = reasons[offer] || []).push(source);
    }
  }
  return {
    exemples: entry.exemples.map((id) => ({ ...data.fiches[id], id })),
    exemplesDeTaille: ownSize,
    demarches: entry.demarches.map(([id, nombre, exemple]) => ({ id, nombre, exemple: { ...data.fiches[exemple], id: exemple } })),
    guides: stage ? data.etapes[stage].guides.map((id) => ({ ...data.guides[id], id })) : [],
    offres: offers.map((id) => ({ id, raisons: reasons[id] })),
  };
}

function list(items) {
  return element("ul", { class: "need-list" }, ...items.map((item) => element("li", {}, ...item)));
}

function hint(...text) {
  return element("span", { class: "hint" }, ...text);
}

function render(data, chosen) {
  const labels = data.libelles;
  const level = labels.niveaux[chosen.attente];
  const stage = chosen.etape ? labels.etapes[chosen.etape] : null;
  const means = ["temps", "budget", "equipe"].map((group) => chosen[group]).filter(Boolean);
  const s = summary(data, chosen.attente, chosen.etape, chosen.taille, means);
  const facts = [
    ["Ce que vous attendez de vos habitants", [level.attente, " ", hint(`${level.libelle} : ${lower(level.description)}`)]],
  ];
  if (stage) facts.push(["Où en est votre projet", [stage.libelle, " ", hint(lower(stage.description))]]);
  if (means.length) facts.push(["Vos moyens", [means.map((m) => labels.moyens[m].libelle).join(" ; ")]]);
  if (chosen.taille) facts.push(["Votre commune", [labels.tailles[chosen.taille].libelle]]);
  const parts = [
    element("h2", { id: "titre-besoin" }, "Votre besoin"),
    element(
      "dl",
      { class: "facts facts--stacked" },
      ...facts.map(([term, value]) => element("div", {}, element("dt", {}, term), element("dd", {}, ...value))),
    ),
    element("h3", {}, "Des communes qui l'ont fait"),
    s.exemples.length
      ? list(
          s.exemples.map((sheet) => [
            element("a", { href: site + sheet.url }, sheet.titre),
            " ",
            hint(
              `— ${sheet.lieu}${sheet.population ? `, ${numberFr(sheet.population)} habitants` : ""} ; même niveau de participation` +
                (s.exemplesDeTaille ? ", commune de votre taille" : ""),
            ),
          ]),
        )
      : element("p", {}, "Aucun retour d'expérience de ce niveau pour l'instant."),
  ];
  if (s.demarches.length) {
    parts.push(element("h3", {}, "Les démarches qu'elles ont menées"));
    parts.push(
      list(
        s.demarches.map((d) => [
          element("strong", {}, labels.demarches[d.id].libelle),
          ` : ${lower(labels.demarches[d.id].description)} `,
          hint(
            `— ${d.nombre} retour${d.nombre > 1 ? "s" : ""} d'expérience, par exemple `,
            element("a", { href: site + d.exemple.url }, d.exemple.lieu),
          ),
        ]),
      ),
    );
  }
  if (stage) {
    parts.push(element("h3", {}, `Les guides pour l'étape « ${lower(stage.libelle)} »`));
    parts.push(
      s.guides.length
        ? list(s.guides.map((g) => [element("a", { href: site + g.url }, g.titre)]))
        : element("p", {}, "Aucun guide pour cette étape pour l'instant."),
    );
  }
  if (s.offres.length) {
    parts.push(element("h3", {}, "L'aide à chercher auprès des acteurs"));
    parts.push(
      list(
        s.offres.map((o) => {
          const why = [o.raisons.includes("etape") ? "pour l'étape où vous en êtes" : "", o.raisons.includes("moyens") ? "adaptée à vos moyens" : ""];
          const href = `${site}parcours/?aide=${o.id}${chosen.etape ? `&etape=${chosen.etape}` : ""}`;
          return [element("a", { href }, labels.offres[o.id].libelle), ` : ${lower(labels.offres[o.id].description)} `, hint(`— ${why.filter(Boolean).join(" ; ")}`)];
        }),
      ),
    );
  }
  const print = element("button", { type: "button", class: "button--secondary" }, "Imprimer votre besoin");
  print.addEventListener("click", () => window.print());
  const firstOffer = s.offres.length ? `?aide=${s.offres[0].id}${chosen.etape ? `&etape=${chosen.etape}` : ""}` : "";
  parts.push(
    element(
      "p",
      { class: "no-print" },
      element("a", { href: `${site}parcours/${firstOffer}` }, "Trouver ces acteurs près de chez vous"),
      " ",
      print,
    ),
  );
  result.replaceChildren(element("section", { class: "need-summary", "aria-labelledby": "titre-besoin" }, ...parts));
  result.hidden = false;
}

function writeUrl(chosen) {
  const params = new URLSearchParams();
  for (const name of FIELDS) if (chosen[name]) params.set(name, chosen[name]);
  history.replaceState(null, "", `?${params}`);
}

async function show(chosen, focus) {
  if (!chosen.attente) {
    errorBox.textContent = "Choisissez d'abord ce que vous attendez de vos habitants (question 1).";
    form.querySelector('input[name="attente"]').focus();
    return;
  }
  errorBox.textContent = "";
  try {
    render(await load(), chosen);
  } catch (error) {
    errorBox.textContent = "Le résumé n'a pas pu être chargé. Suivez les questions pas à pas ci-dessous.";
    document.getElementById("besoin-sans-js").hidden = false;
    return;
  }
  writeUrl(chosen);
  if (focus) result.focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  show(answers(), true);
});

// Start: the form replaces the step-by-step links; answers in the address are restored.
form.hidden = false;
document.getElementById("besoin-sans-js").hidden = true;
const params = new URLSearchParams(location.search);
for (const name of FIELDS) {
  const value = params.get(name);
  const input = value !== null ? form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`) : null;
  if (input) input.checked = true;
}
if (params.get("attente")) show(answers(), false);
