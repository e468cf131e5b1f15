// Runs the site's own search code (theme/static/js/search-core.js) in node, on the built index pieces.
// Usage: node tests/js/parity.mjs <output/recherche/> <input.json>
// input.json: {"queries": [...], "words": [...], "places": [...], "names": [...]} -> prints {"results": {query:
// [[doc, score]...]}, "words": {word: [terms]}, "places": {query: [place...]}, "keys": {name: key}}
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createSearch, findPlaces, nameKey } from "../../theme/static/js/search-core.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.fr.js")(lunr);

const folder = process.argv[2];
const load = async (path) => JSON.parse(await readFile(join(folder, path), "utf8"));
const input = JSON.parse(await readFile(process.argv[3], "utf8"));
const engine = createSearch(lunr, await load("meta.json"), load);

const results = {};
for (const query of input.queries) results[query] = (await engine.search(query)).map((r) => [r.doc, r.score]);
const words = {};
for (const word of input.words) words[word] = engine.terms(word);
const places = {};
for (const query of input.places || []) places[query] = await findPlaces(query, load);
const keys = {};
for (const name of input.names || []) keys[name] = nameKey(name);
process.stdout.write(JSON.stringify({ results, words, places, keys }));
