// Runs the site's own search code (theme/static/js/search-core.js) in node, on a prebuilt index.
// Usage: node tests/js/parity.mjs <index.json> <input.json>
// input.json: {"queries": [...], "words": [...]} -> prints {"results": {query: [[ref, score]...]}, "words": {word: [terms]}}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSearch } from "../../theme/static/js/search-core.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.fr.js")(lunr);

const payload = JSON.parse(readFileSync(process.argv[2], "utf8"));
const input = JSON.parse(readFileSync(process.argv[3], "utf8"));
const engine = createSearch(lunr, payload);

const results = {};
for (const query of input.queries) results[query] = engine.search(query).map((r) => [r.ref, r.score]);
const words = {};
for (const word of input.words) words[word] = engine.terms(word);
process.stdout.write(JSON.stringify({ results, words }));
