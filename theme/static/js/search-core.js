// Search core, shared by the search page and by the parity test run in node. No DOM here.
//
// The index is lunr's, built in Python (territoires/search/), cut into pieces (shards.py): a query
// fetches only the pieces holding its terms. Scoring is lunr's own: a query vector per field
// (clause boosts per term), cosine against the document's field vector (lunr's BM25 weights), summed
// over fields. The text pipeline is the one Python used, under the same names; the parity test checks
// that rankings are identical to lunr.py's.

const registered = new WeakSet();

// Register our pipeline functions under the names the index refers to. accentFold-fr and stemmer-fr
// are lunr-languages' own (lunr.fr.js must be loaded first); trimmer-fr, elision-fr and
// stopWordFilter-fr are ours, built from the settings Python used (data/recherche/).
export function registerPipeline(lunr, settings) {
  if (registered.has(lunr)) return;
  const word = settings.caracteres_mot;
  const elision = new RegExp(`^(?:${settings.elisions.join("|")})[${settings.apostrophes}]`);
  const trim = new RegExp(`^[^${word}]+|[^${word}]+$`, "g");
  const stopWords = new Set(settings.mots_vides);

  const elisionFr = (token) => token.update((s) => s.replace(elision, ""));
  const trimmerFr = (token) => {
    token.update((s) => s.replace(trim, ""));
    return token.toString() ? token : undefined;
  };
  const stopWordFilterFr = (token) => (stopWords.has(token.toString()) ? undefined : token);

  for (const [fn, label] of [
    [elisionFr, "elision-fr"],
    [trimmerFr, "trimmer-fr"],
    [stopWordFilterFr, "stopWordFilter-fr"],
  ]) {
    delete lunr.Pipeline.registeredFunctions[label]; // replace lunr-languages' version silently
    lunr.Pipeline.registerFunction(fn, label);
  }
  registered.add(lunr);
}

// Ranking: score (rounded, so that both languages agree on ties), then document number.
export const byRank = (a, b) => Math.round(b.score * 1e10) - Math.round(a.score * 1e10) || a.doc - b.doc;

// `meta` is recherche/meta.json; `load(path)` fetches a file of recherche/ and resolves to its JSON.
export function createSearch(lunr, meta, load) {
  const settings = meta.reglages;
  registerPipeline(lunr, settings);
  const pipeline = lunr.Pipeline.load(meta.pipeline);
  const fieldCount = meta.champs.length;
  const starts = meta.morceaux.map(([start]) => start);
  const pieces = new Map();
  const separator = new RegExp(settings.separateur);
  const elision = new RegExp(`^(?:${settings.elisions.join("|")})[${settings.apostrophes}]`);
  const trim = new RegExp(`^[^${settings.caracteres_mot}]+|[^${settings.caracteres_mot}]+$`, "g");
  const stopWords = new Set(settings.mots_vides);

  // A piece, once fetched: its terms (sorted, as written) and their entries.
  const piece = (i) => {
    if (!pieces.has(i)) {
      // Sorted again: an object lists integer-like keys ("37", "2021") first, whatever the file's order.
      pieces.set(i, load(`termes/${meta.morceaux[i][1]}.json`).then((entries) => ({ entries, terms: Object.keys(entries).sort() })));
    }
    return pieces.get(i);
  };
  // The piece whose range holds `term`: the last one that starts at or before it.
  const pieceOf = (term) => {
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] <= term) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };

  // [[term, entry]] for a term, or for every term starting with `prefix` (trailing wildcard).
  async function expand(term, wildcard) {
    if (!wildcard) {
      const i = pieceOf(term);
      const entry = i >= 0 ? (await piece(i)).entries[term] : undefined;
      return entry ? [[term, entry]] : [];
    }
    const first = Math.max(pieceOf(term), 0);
    let last = first;
    while (last + 1 < starts.length && starts[last + 1] < term + "\uffff") last += 1;
    const found = [];
    for (let i = first; i <= last; i += 1) {
      const { entries, terms } = await piece(i);
      // Terms are sorted: binary search the first one >= term, then read while they share the prefix.
      let low = 0;
      let high = terms.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (terms[middle] < term) low = middle + 1;
        else high = middle;
      }
      for (let k = low; k < terms.length && terms[k].startsWith(term); k += 1) found.push([terms[k], entries[terms[k]]]);
    }
    return found;
  }

  const tokenize = (text) =>
    String(text)
      .toLowerCase()
      .split(separator)
      .filter((t) => t);

  // The typed-so-far last word, for prefix matching: trimmed, elided, folded, not stemmed.
  const prefixTerm = (word) => {
    const w = word.toLowerCase().replace(trim, "").replace(elision, "");
    if (w.length < 2 || stopWords.has(w)) return null;
    return lunr.fr.accentFoldTerm(w);
  };

  // Ranked [{doc, score}] for a query typed by a visitor (see search() in territoires/search/index.py):
  // every word is an optional term; the last one also matches as a prefix, with a smaller boost.
  async function search(text) {
    const tokens = tokenize(text);
    if (!tokens.length) return [];
    const clauses = tokens.map((term) => ({ term, usePipeline: true, wildcard: false, boost: 1 }));
    const prefix = prefixTerm(tokens[tokens.length - 1]);
    if (prefix) clauses.push({ term: prefix, usePipeline: false, wildcard: true, boost: settings.bonus_prefixe });

    const query = Array.from({ length: fieldCount }, () => new Map()); // per field: term index -> weight
    const documents = new Map(); // doc * fieldCount + field -> Map(term index -> weight)
    const seen = new Set();
    for (const clause of clauses) {
      const terms = clause.usePipeline ? pipeline.runString(clause.term) : [clause.term];
      for (const term of terms) {
        for (const [expanded, entry] of await expand(term, clause.wildcard)) {
          const termIndex = entry[0];
          for (const vector of query) vector.set(termIndex, (vector.get(termIndex) || 0) + clause.boost);
          if (seen.has(expanded)) continue;
          seen.add(expanded);
          for (let k = 1; k < entry.length; k += 3) {
            const key = entry[k] * fieldCount + entry[k + 1];
            if (!documents.has(key)) documents.set(key, new Map());
            documents.get(key).set(termIndex, entry[k + 2]);
          }
        }
      }
    }
    // lunr: similarity = dot(query, document) / |query|, summed over the fields where the document matched.
    const sorted = query.map((vector) => [...vector].sort((a, b) => a[0] - b[0]));
    const magnitudes = sorted.map((entries) => Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0)));
    const scores = new Map();
    for (const [key, weights] of documents) {
      const field = key % fieldCount;
      const doc = (key - field) / fieldCount;
      let dot = 0;
      for (const [termIndex, w] of sorted[field]) {
        const d = weights.get(termIndex);
        if (d !== undefined) dot += w * d;
      }
      const score = magnitudes[field] ? dot / magnitudes[field] : 0;
      scores.set(doc, (scores.get(doc) || 0) + score);
    }
    return [...scores].map(([doc, score]) => ({ doc, score })).sort(byRank);
  }

  // Index terms of a word (empty if it is a stop word): used to highlight matched words.
  const terms = (word) => pipeline.runString(word.toLowerCase());

  return { search, tokenize, prefixTerm, terms };
}

// Facets: within a facet values are OR-ed, across facets AND-ed. `table` is recherche/facettes.json;
// `docs` are document numbers; `selected` maps facet -> chosen values.
function facetMatcher(selected, facetNames, table) {
  const everywhere = new Set(table.partout);
  const chosen = {};
  for (const facet of facetNames) {
    const values = table.valeurs[facet] || [];
    chosen[facet] = new Set((selected[facet] || []).map((v) => values.indexOf(v)).filter((i) => i >= 0));
  }
  const active = facetNames.filter((f) => (selected[f] || []).length);
  const territorial = (facet) => facet === "region" || facet === "departement";
  const matches = (doc, facet) => {
    if (everywhere.has(doc) && territorial(facet)) return true;
    return (table.fiches[facet][doc] || []).some((i) => chosen[facet].has(i));
  };
  return { active, matches, everywhere, territorial };
}

// The documents that every chosen facet lets through.
export function filterByFacets(docs, selected, facetNames, table) {
  const { active, matches } = facetMatcher(selected, facetNames, table);
  return active.length ? docs.filter((doc) => active.every((f) => matches(doc, f))) : docs;
}

// Disjunctive counts: the count of a value is the number of results it would give with the other
// facets applied. National actors count for every region and department shown ("*": their number).
export function countFacets(docs, selected, facetNames, table) {
  const { active, matches, everywhere, territorial } = facetMatcher(selected, facetNames, table);
  const counts = {};
  for (const facet of facetNames) {
    const others = active.filter((f) => f !== facet);
    const values = table.valeurs[facet] || [];
    const column = table.fiches[facet];
    const tally = {};
    let anywhere = 0;
    for (const doc of docs) {
      if (others.length && !others.every((f) => matches(doc, f))) continue;
      if (territorial(facet) && everywhere.has(doc)) anywhere += 1;
      else for (const i of column[doc] || []) tally[values[i]] = (tally[values[i]] || 0) + 1;
    }
    for (const value of Object.keys(tally)) tally[value] += anywhere;
    if (anywhere) tally["*"] = anywhere;
    counts[facet] = tally;
  }
  return counts;
}

// "L'Isle-d'Abeau" -> "lisledabeau", "St-Denis" -> "saintdenis": the same cut as
// territoires/places.py name_key().
const SAINTS = { st: "saint", ste: "sainte" };

export function nameKey(text) {
  return String(text)
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .map((word) => SAINTS[word] || word)
    .join("");
}

// The places named exactly what was typed (accents, case, hyphens and "st" aside): regions and
// departments first, then intercommunalities, then communes, the best documented first. The twin
// of find_places() in territoires/search/places.py. `load` fetches a file of the index folder.
export async function findPlaces(query, load) {
  const key = nameKey(query);
  if (key.length < 3) return [];
  const starts = await load("lieux/index.json");
  let name = null;
  for (const [first, piece] of starts) {
    if (first <= key) name = piece;
    else break;
  }
  if (!name) return [];
  const seen = new Set();
  const found = [];
  for (const entry of await load(`lieux/${name}.json`)) {
    if (entry[0] !== key) continue;
    const place = entry.slice(1);
    const id = `${place[0]}:${place[1]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    found.push(place);
  }
  const order = "rdec";
  const weight = (p) => p[4] + p[5] + p[6];
  return found.sort(
    (a, b) => order.indexOf(a[0]) - order.indexOf(b[0]) || weight(b) - weight(a) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0),
  );
}
