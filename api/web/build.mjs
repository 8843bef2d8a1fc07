// Bundles the pages the Go server embeds (api/graphiql.go, api/explorer.go)
// into dist/: GraphiQL at /graphiql and the explorer at /, both from the
// npm registry's packages, no CDN.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';

const common = {
  bundle: true,
  minify: true,
  target: ['es2020'],
  loader: { '.js': 'jsx', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  legalComments: 'none',
};

await mkdir('dist/explorer', { recursive: true });
await build({ ...common, entryPoints: ['src/main.jsx'], format: 'esm', outfile: 'dist/graphiql.js' });
await build({ ...common, entryPoints: ['src/explorer/main.js'], format: 'esm', outfile: 'dist/explorer/explorer.js' });
await build({ ...common, entryPoints: ['src/explorer/layout-worker.js'], format: 'iife', outfile: 'dist/explorer/layout-worker.js' });

await writeFile('dist/index.html', `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsgraph GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="module" src="/graphiql/graphiql.js"></script>
</body>
</html>
`);

await writeFile('dist/explorer/index.html', `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsgraph explorer</title>
<link rel="stylesheet" href="/explorer/explorer.css">
</head>
<body>
<a class="skip" href="#search">Skip to search</a>
<div id="app">
<header>
  <h1>newsgraph</h1>
  <div class="combo grow"><label for="search" class="visually-hidden">Search an entity</label>
    <input id="search" type="search" placeholder="Search an entity" autocomplete="off"></div>
  <button id="export-png" type="button">Export PNG</button>
  <button id="export-json" type="button">Export JSON</button>
  <nav><a href="/graphiql">GraphiQL</a><a href="/export?format=graphml">GraphML</a><a href="/export?format=nquads">N-Quads</a></nav>
</header>
<aside class="left" aria-label="Filters and entities in view">
  <h2>Filters</h2>
  <fieldset id="f-types"><legend>Entity types</legend></fieldset>
  <fieldset id="f-preds"><legend>Predicates</legend></fieldset>
  <fieldset><legend>Minimum confidence <output id="f-conf-out">0.00</output></legend>
    <input id="f-conf" type="range" min="0" max="1" step="0.05" aria-label="minimum confidence"></fieldset>
  <fieldset><legend>Evidence published</legend>
    <label>from <input id="f-since" type="date"></label><label>to <input id="f-until" type="date"></label></fieldset>
  <h2>Path finder</h2>
  <div class="combo"><input id="path-from" type="search" placeholder="from" aria-label="path from" autocomplete="off"></div>
  <div class="combo"><input id="path-to" type="search" placeholder="to" aria-label="path to" autocomplete="off"></div>
  <div class="row"><button id="path-go" type="button" class="primary">Find path</button></div>
  <p id="path-result" class="muted" aria-live="polite"></p>
  <h2>In view</h2>
  <p id="in-view-count" class="muted"></p>
  <ul id="in-view" class="plain"></ul>
</aside>
<main aria-label="Graph"><div id="cy"></div><div id="legend"></div><div id="status" role="status" aria-live="polite"></div></main>
<aside class="right" aria-label="Details">
  <div id="details"><p class="muted">Search an entity to draw it and its neighbours. Click a node to see it
  and add its neighbours, click an edge for the sentences that support it.</p></div>
  <div class="tabs" role="tablist">
    <button type="button" role="tab" data-tab="evidence" aria-selected="true">Evidence</button>
    <button type="button" role="tab" data-tab="article" aria-selected="false">Article</button>
    <button type="button" role="tab" data-tab="timeline" aria-selected="false">Timeline</button>
  </div>
  <section id="evidence" role="tabpanel"></section>
  <section id="article" role="tabpanel" hidden></section>
  <section id="timeline" role="tabpanel" hidden></section>
</aside>
</div>
<script type="module" src="/explorer/explorer.js"></script>
</body>
</html>
`);
