// Query latency of the site's own search code in node, on a built site.
// Usage: node bench/search_latency.mjs <output folder> <queries.json> <passes>
//
// Uses the output's copy of search-core.js (the code the built index was made for) and loads lunr
// and lunr-languages as tests/js/parity.mjs does. Two index layouts are understood:
// - pieces (recherche/meta.json, createSearch(lunr, meta, load)): every query is timed once on a
//   fresh engine ("cold": the pieces it needs are read from disk and parsed, as the browser would
//   fetch them; their size is counted) and `passes` times on a warm engine;
// - one file (recherche/index.json, createSearch(lunr, payload)): timed `passes` times.
// Prints one JSON object.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.fr.js")(lunr);

const [output, queriesPath, passesArg] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesPath, "utf8"));
const passes = Number(passesArg || 5);
const { createSearch } = await import(pathToFileURL(join(output, "theme", "js", "search-core.js")).href);
const folder = join(output, "recherche");

const quantiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
};

async function timeWarm(engine) {
  const hits = {};
  for (const query of queries) hits[query] = (await engine.search(query)).length; // warm-up
  const samples = [];
  for (let pass = 0; pass < passes; pass += 1) {
    for (const query of queries) {
      const t0 = performance.now();
      await engine.search(query);
      samples.push(performance.now() - t0);
    }
  }
  const counts = Object.values(hits);
  return {
    warm: quantiles(samples),
    samples: samples.length,
    queries: queries.length,
    queries_without_results: counts.filter((n) => n === 0).length,
    median_results: quantiles(counts).median,
  };
}

const result = {};
if (existsSync(join(folder, "meta.json"))) {
  result.layout = "pieces";
  let bytes = { raw: 0, gzip: 0, files: 0 };
  const load = async (path) => {
    const data = readFileSync(join(folder, path));
    bytes.raw += data.length;
    bytes.gzip += gzipSync(data, { level: 9 }).length;
    bytes.files += 1;
    return JSON.parse(data.toString("utf8"));
  };
  const meta = await load("meta.json");
  result.meta_gzip_bytes = bytes.gzip;
  const cold = [];
  const loaded = [];
  for (const query of queries) {
    const engine = createSearch(lunr, meta, load);
    bytes = { raw: 0, gzip: 0, files: 0 };
    const t0 = performance.now();
    await engine.search(query);
    cold.push(performance.now() - t0);
    loaded.push(bytes);
  }
  result.cold = quantiles(cold);
  result.loaded_gzip_bytes = quantiles(loaded.map((b) => b.gzip));
  result.loaded_files = quantiles(loaded.map((b) => b.files));
  Object.assign(result, await timeWarm(createSearch(lunr, meta, load)));
} else {
  result.layout = "one file";
  const text = readFileSync(join(folder, "index.json"), "utf8");
  let t0 = performance.now();
  const payload = JSON.parse(text);
  result.parse_ms = performance.now() - t0;
  t0 = performance.now();
  const engine = createSearch(lunr, payload);
  result.index_load_ms = performance.now() - t0;
  Object.assign(result, await timeWarm(engine));
}
process.stdout.write(JSON.stringify(result));
