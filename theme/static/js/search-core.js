// Search core, shared by the search page and by the parity test run in node.
// Mirrors territoires/search/pipeline.py and territoires/search/index.py: the same pipeline
// functions under the same names, the same query, the same tie-break. No DOM here.

const registered = new WeakSet();

// Register our pipeline functions under the names the prebuilt index refers to.
// accentFold-fr and stemmer-fr are lunr-languages' own (lunr.fr.js must be loaded first);
// elision-fr, trimmer-fr and stopWordFilter-fr are ours, built from the settings Python used.
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

export function createSearch(lunr, payload) {
  const settings = payload.pipeline;
  registerPipeline(lunr, settings);
  const index = lunr.Index.load(payload.index);
  const separator = new RegExp(settings.separateur);
  const elision = new RegExp(`^(?:${settings.elisions.join("|")})[${settings.apostrophes}]`);
  const trim = new RegExp(`^[^${settings.caracteres_mot}]+|[^${settings.caracteres_mot}]+$`, "g");
  const stopWords = new Set(settings.mots_vides);

  const tokenize = (text) =>
    String(text)
      .toLowerCase()
      .split(separator)
      .filter((t) => t);

  // The typed-so-far last word, for prefix matching: elided, trimmed, folded, not stemmed.
  const prefixTerm = (word) => {
    const w = word.toLowerCase().replace(trim, "").replace(elision, "");
    if (w.length < 2 || stopWords.has(w)) return null;
    return lunr.fr.accentFoldTerm(w);
  };

  // Ranked [{ref, score}] for a query typed by a visitor (see search() in index.py).
  const search = (text) => {
    const tokens = tokenize(text);
    if (!tokens.length) return [];
    const prefix = prefixTerm(tokens[tokens.length - 1]);
    const results = index.query((q) => {
      for (const token of tokens) q.term(token, {});
      if (prefix) {
        q.term(prefix, {
          usePipeline: false,
          wildcard: lunr.Query.wildcard.TRAILING,
          boost: settings.bonus_prefixe,
        });
      }
    });
    return results
      .map((r) => ({ ref: r.ref, score: r.score }))
      .sort((a, b) => b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  };

  // Index terms of a word (empty if it is a stop word): used to highlight matched words.
  const terms = (word) => index.pipeline.runString(word.toLowerCase());

  return { index, search, tokenize, prefixTerm, terms };
}

// Facet filtering with disjunctive counts: within a facet values are OR-ed, across facets AND-ed;
// the count of a value is the number of results it would give with the other facets applied.
export function applyFacets(docs, selected, facetNames) {
  const matches = (doc, facet) => {
    const wanted = selected[facet];
    if (!wanted || !wanted.length) return true;
    if (doc.partout && (facet === "region" || facet === "departement")) return true;
    const values = (doc.facettes && doc.facettes[facet]) || [];
    return wanted.some((v) => values.includes(v));
  };
  const kept = docs.filter((doc) => facetNames.every((f) => matches(doc, f)));
  const counts = {};
  for (const facet of facetNames) {
    const pool = docs.filter((doc) => facetNames.every((f) => f === facet || matches(doc, f)));
    const tally = {};
    let everywhere = 0; // national actors count for every region and department shown
    for (const doc of pool) {
      if (doc.partout && (facet === "region" || facet === "departement")) everywhere += 1;
      else for (const value of (doc.facettes && doc.facettes[facet]) || []) tally[value] = (tally[value] || 0) + 1;
    }
    for (const value of Object.keys(tally)) tally[value] += everywhere;
    if (everywhere) tally["*"] = everywhere;
    counts[facet] = tally;
  }
  return { kept, counts };
}

// "L'Isle-d'Abeau" -> "lisledabeau": the same cut as territoires/parcours.py name_key().
export function nameKey(text) {
  return String(text)
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[^a-z0-9]/g, "");
}
