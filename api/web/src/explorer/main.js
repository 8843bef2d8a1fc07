// The newsgraph explorer: a page that talks only to /graphql. Search an
// entity, draw it and its neighbourhood with Cytoscape.js, expand nodes,
// read the evidence of an edge and the article it comes from, filter by
// type, predicate, date and confidence, find a path, and keep the view in
// the URL. Bundled by esbuild (build.mjs) and embedded in the Go binary:
// no CDN.
import cytoscape from 'cytoscape';
import './explorer.css';

const TYPES = {
  Person: { color: '#1f77b4', shape: 'ellipse' },
  Ministry: { color: '#ff7f0e', shape: 'round-rectangle' },
  Country: { color: '#2ca02c', shape: 'hexagon' },
  Agreement: { color: '#d62728', shape: 'round-diamond' },
  Sector: { color: '#9467bd', shape: 'round-triangle' },
  Organization: { color: '#8c564b', shape: 'rectangle' },
  Location: { color: '#e377c2', shape: 'round-tag' },
  Event: { color: '#bcbd22', shape: 'octagon' },
};
const PREDICATES = ['signed', 'coversSector', 'signedAt', 'announced', 'memberOf', 'represents', 'partOf', 'locatedIn', 'attended'];
const NEIGHBOURS = 100; // nodes one expansion adds at most

const $ = (sel) => document.querySelector(sel);
const present = (kids) => kids.flat().filter((k) => k !== null && k !== undefined && k !== false);
const h = (tag, attrs = {}, ...kids) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of present(kids)) el.append(kid.nodeType ? kid : String(kid));
  return el;
};

// ---- GraphQL -------------------------------------------------------------

let pending = 0;
async function gql(query, variables = {}) {
  pending++;
  status();
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  } finally {
    pending--;
    status();
  }
}

const EDGE = `id predicate confidence evidenceCount subject { id } object { id } evidence(first: 20) { published }`;
const NODE = `id name type degree`;

// ---- State, kept in the URL -----------------------------------------------

const state = {
  focus: '', expanded: [], types: new Set(Object.keys(TYPES)), preds: new Set(PREDICATES),
  minConf: 0, since: '', until: '', edge: '', article: '', from: '', to: '',
};

function readURL() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.focus = p.get('focus') || '';
  state.expanded = (p.get('expand') || '').split(',').filter(Boolean);
  if (p.has('types')) state.types = new Set(p.get('types').split(',').filter((t) => TYPES[t]));
  if (p.has('preds')) state.preds = new Set(p.get('preds').split(',').filter((x) => PREDICATES.includes(x)));
  state.minConf = Number(p.get('minConf') || 0) || 0;
  state.since = p.get('since') || '';
  state.until = p.get('until') || '';
  state.edge = p.get('edge') || '';
  state.article = p.get('article') || '';
  state.from = p.get('from') || '';
  state.to = p.get('to') || '';
}

function writeURL() {
  const p = new URLSearchParams();
  if (state.focus) p.set('focus', state.focus);
  if (state.expanded.length) p.set('expand', state.expanded.join(','));
  if (state.types.size !== Object.keys(TYPES).length) p.set('types', [...state.types].join(','));
  if (state.preds.size !== PREDICATES.length) p.set('preds', [...state.preds].join(','));
  if (state.minConf) p.set('minConf', String(state.minConf));
  if (state.since) p.set('since', state.since);
  if (state.until) p.set('until', state.until);
  if (state.edge) p.set('edge', state.edge);
  if (state.article) p.set('article', state.article);
  if (state.from && state.to) { p.set('from', state.from); p.set('to', state.to); }
  history.replaceState(null, '', '#' + p.toString());
}

// ---- The graph -------------------------------------------------------------

const cy = cytoscape({
  container: $('#cy'),
  wheelSensitivity: 0.3,
  minZoom: 0.05,
  maxZoom: 4,
  pixelRatio: 1,
  textureOnViewport: true,
  motionBlur: false,
  style: baseStyle(false),
});

// The style: mappers and per-type selectors, never functions, which
// Cytoscape.js would call for every element at every redraw. A big graph
// (more than BIG elements) is drawn lighter: straight edges without arrows
// or labels, node labels only on the focus, the selection and a path,
// nothing but nodes while the view moves.
const BIG = 600;
function baseStyle(big) {
  const s = [
    { selector: 'node', style: {
      label: big ? '' : 'data(name)', 'font-size': 11, 'min-zoomed-font-size': 7, 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': big ? 'none' : 'ellipsis', 'text-max-width': 140, 'background-color': '#888',
      width: 'mapData(degree, 1, 60, 16, 40)', height: 'mapData(degree, 1, 60, 16, 40)',
      'border-width': 1, 'border-color': '#fff',
    } },
    ...Object.entries(TYPES).map(([t, v]) => ({ selector: `node[type = "${t}"]`, style: { 'background-color': v.color, shape: v.shape } })),
    { selector: 'node.focus, node:selected, node.path', style: { label: 'data(name)' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#111' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ff9f1c' } },
    { selector: 'edge', style: big ? {
      width: 'mapData(confidence, 0, 1, 0.5, 3)', 'line-color': '#9aa5ad', 'curve-style': 'haystack', 'haystack-radius': 0,
      opacity: 'mapData(confidence, 0, 1, 0.3, 0.9)',
    } : {
      width: 'mapData(confidence, 0, 1, 1, 5)', 'line-color': '#9aa5ad', 'target-arrow-color': '#9aa5ad',
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, 'curve-style': 'bezier', opacity: 'mapData(confidence, 0, 1, 0.35, 1)',
      label: 'data(predicate)', 'font-size': 9, 'min-zoomed-font-size': 9, color: '#4b565d', 'text-rotation': 'autorotate',
      'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
    } },
    { selector: 'edge:selected', style: { 'line-color': '#ff9f1c', 'target-arrow-color': '#ff9f1c', opacity: 1, label: 'data(predicate)' } },
    { selector: '.path', style: { 'line-color': '#1f6feb', 'target-arrow-color': '#1f6feb', 'border-color': '#1f6feb', 'border-width': 4, opacity: 1 } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
  return s;
}

let bigMode = false;
function tune() {
  const big = cy.elements().length > BIG;
  if (big !== bigMode) {
    bigMode = big;
    cy.style(baseStyle(big));
  }
  cy.renderer().hideEdgesOnViewport = big;
  cy.renderer().hideLabelsOnViewport = big;
}

function addNode(n, near) {
  if (cy.getElementById(n.id).nonempty()) {
    cy.getElementById(n.id).data({ name: n.name, type: n.type, degree: n.degree });
    return;
  }
  const pos = near ? { x: near.x + (Math.random() - 0.5) * 120, y: near.y + (Math.random() - 0.5) * 120 } : { x: 0, y: 0 };
  cy.add({ group: 'nodes', data: { id: n.id, name: n.name, type: n.type, degree: n.degree }, position: pos });
}

function addEdge(e) {
  if (cy.getElementById(e.id).nonempty()) return;
  if (cy.getElementById(e.subject.id).empty() || !e.object || cy.getElementById(e.object.id).empty()) return;
  const dates = (e.evidence || []).map((x) => x.published).filter(Boolean).sort();
  cy.add({ group: 'edges', data: {
    id: e.id, source: e.subject.id, target: e.object.id, predicate: e.predicate, confidence: e.confidence,
    evidenceCount: e.evidenceCount, first: dates[0] || '', last: dates[dates.length - 1] || '',
  } });
}

// merge adds a subgraph; a large one goes in chunks, each drawn before the
// next is added, so that the page answers input all along.
const CHUNK = 250;
const nextTask = () => new Promise((r) => setTimeout(r, 0));
async function merge(sg, near) {
  const items = [...sg.nodes.map((n) => [addNode, n]), ...sg.edges.map((e) => [addEdge, e])];
  if (items.length > BIG) {
    bigMode = false; // switch before the elements come, not after
    cy.style(baseStyle(true));
    bigMode = true;
  }
  for (let i = 0; i < items.length; i += CHUNK) {
    if (i > 0) await nextTask();
    cy.batch(() => { for (const [add, x] of items.slice(i, i + CHUNK)) add(x, near); });
  }
  tune();
}

// layout runs in a worker; the page stays responsive while it works
const worker = new Worker(new URL('/explorer/layout-worker.js', location.href));
let layoutSeq = 0;
let layoutDone = Promise.resolve();
function layout() {
  const id = ++layoutSeq;
  const nodes = cy.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') }));
  const edges = cy.edges().map((e) => ({ source: e.data('source'), target: e.data('target') }));
  layoutDone = new Promise((resolve) => {
    const onMessage = (ev) => {
      if (ev.data.id !== id) return;
      if (ev.data.progress) { status(`layout ${Math.round(ev.data.progress * 100)}%`); return; }
      worker.removeEventListener('message', onMessage);
      if (id === layoutSeq) {
        cy.batch(() => cy.nodes().forEach((n) => { const p = ev.data.positions[n.id()]; if (p) n.position(p); }));
        cy.fit(cy.elements(':visible'), 40);
      }
      status();
      resolve();
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ id, nodes, edges });
  });
  return layoutDone;
}

async function neighbourhood(id) {
  const d = await gql(`query($id: ID!, $limit: Int!) { neighborhood(id: $id, depth: 1, limit: $limit) {
    truncated nodes { ${NODE} } edges { ${EDGE} } } }`, { id, limit: NEIGHBOURS });
  return d.neighborhood;
}

async function focus(id, { keep = false } = {}) {
  const sg = await neighbourhood(id);
  if (!keep) {
    cy.elements().remove();
    state.expanded = [];
  }
  state.focus = id;
  await merge(sg, null);
  cy.nodes().removeClass('focus');
  cy.getElementById(id).addClass('focus');
  applyFilters();
  writeURL();
  await layout();
  selectNode(id);
  showTimeline(id);
}

async function expand(id) {
  const n = cy.getElementById(id);
  const sg = await neighbourhood(id);
  await merge(sg, n.nonempty() ? n.position() : null);
  if (!state.expanded.includes(id) && id !== state.focus) state.expanded.push(id);
  applyFilters();
  writeURL();
  await layout();
  status(sg.truncated ? `showing ${NEIGHBOURS} of the neighbours of ${id}` : '');
}

// ---- Filters ---------------------------------------------------------------

function applyFilters() {
  cy.batch(() => {
    cy.nodes().forEach((n) => n.toggleClass('hidden', !state.types.has(n.data('type'))));
    cy.edges().forEach((e) => {
      let hide = !state.preds.has(e.data('predicate')) || e.data('confidence') < state.minConf
        || e.source().hasClass('hidden') || e.target().hasClass('hidden');
      if (!hide && (state.since || state.until)) {
        const first = e.data('first'), last = e.data('last');
        hide = !first || (state.since && last < state.since) || (state.until && first > state.until);
      }
      e.toggleClass('hidden', hide);
    });
  });
  renderNodeList();
}

function buildFilters() {
  const types = $('#f-types');
  for (const t of Object.keys(TYPES)) {
    types.append(h('label', {}, h('input', { type: 'checkbox', value: t, checked: state.types.has(t),
      onchange: (ev) => { ev.target.checked ? state.types.add(t) : state.types.delete(t); applyFilters(); writeURL(); } }),
    h('span', { class: 'dot', style: `background:${TYPES[t].color}` }), ' ', t));
  }
  const preds = $('#f-preds');
  for (const p of PREDICATES) {
    preds.append(h('label', {}, h('input', { type: 'checkbox', value: p, checked: state.preds.has(p),
      onchange: (ev) => { ev.target.checked ? state.preds.add(p) : state.preds.delete(p); applyFilters(); writeURL(); } }), ' ', p));
  }
  const conf = $('#f-conf');
  conf.value = state.minConf;
  $('#f-conf-out').textContent = state.minConf.toFixed(2);
  conf.addEventListener('input', () => { state.minConf = Number(conf.value); $('#f-conf-out').textContent = state.minConf.toFixed(2); applyFilters(); writeURL(); });
  for (const [sel, key] of [['#f-since', 'since'], ['#f-until', 'until']]) {
    $(sel).value = state[key];
    $(sel).addEventListener('change', (ev) => { state[key] = ev.target.value; applyFilters(); writeURL(); });
  }
  const legend = $('#legend');
  for (const [t, v] of Object.entries(TYPES)) legend.append(h('span', {}, h('i', { style: `background:${v.color}` }), t));
}

// ---- Search boxes with suggestions ------------------------------------------

function combo(input, onPick) {
  const list = h('ul', { class: 'suggestions', role: 'listbox', id: input.id + '-list', hidden: true });
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  let items = [], active = -1, seq = 0, timer;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const mark = () => list.querySelectorAll('li').forEach((li, i) => {
    li.setAttribute('aria-selected', i === active ? 'true' : 'false');
    if (i === active) { input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
  });
  const pick = (i) => { const it = items[i]; if (!it) return; input.value = it.name; input.dataset.id = it.id; close(); onPick(it); };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    delete input.dataset.id;
    if (!q) { close(); return; }
    timer = setTimeout(async () => {
      const my = ++seq;
      const d = await gql(`query($q: String!) { search(query: $q, first: 8) { totalCount nodes { matched entity { id name type } } } }`, { q });
      if (my !== seq) return;
      items = d.search.nodes.map((n) => ({ ...n.entity, matched: n.matched }));
      list.replaceChildren(...items.map((it, i) => h('li', { role: 'option', id: `${input.id}-opt-${i}`,
        onmousedown: (ev) => { ev.preventDefault(); pick(i); } },
      h('span', { class: 'dot', style: `background:${(TYPES[it.type] || {}).color}` }), ' ', it.name,
      h('small', {}, it.type + (it.matched !== it.name ? ` · ${it.matched}` : '')))));
      if (!items.length) list.append(h('li', { class: 'muted' }, `no entity matches “${q}”`));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = items.length ? 0 : -1;
      mark();
    }, 150);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); mark(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(0, active - 1); mark(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { if (!list.hidden && active >= 0) { pick(active); ev.preventDefault(); } }
    else if (ev.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

// ---- Panels ------------------------------------------------------------------

function renderNodeList() {
  const visible = cy.nodes(':visible').sort((a, b) => (b.data('degree') || 0) - (a.data('degree') || 0));
  $('#in-view-count').textContent = `${visible.length} entities, ${cy.edges(':visible').length} relations`;
  const ul = $('#in-view');
  ul.replaceChildren(...visible.slice(0, 300).map((n) => h('li', {},
    h('span', { class: 'dot', style: `background:${(TYPES[n.data('type')] || {}).color}` }),
    h('span', { class: 'name' }, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); selectNode(n.id()); } }, n.data('name'))),
    h('button', { type: 'button', 'aria-label': `expand ${n.data('name')}`, 'data-expand': n.id(), onclick: () => expand(n.id()) }, 'Expand'))));
}

async function selectNode(id) {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  cy.elements().unselect();
  n.select();
  const d = await gql(`query($id: ID!) { entity(id: $id) { id name type aliases degree
    ... on Person { titles } ... on Agreement { signedOn }
    relations(first: 100) { totalCount nodes { id predicate confidence evidenceCount value subject { id name } object { id name } } } } }`, { id });
  const e = d.entity;
  if (!e) return;
  const panel = $('#details');
  panel.replaceChildren(...present([
    h('h2', {}, e.type),
    h('div', {}, h('strong', {}, e.name), ' ', h('span', { class: 'muted' }, e.id)),
    e.aliases.length ? h('div', { class: 'muted' }, 'also: ' + e.aliases.join(', ')) : null,
    e.titles && e.titles.length ? h('div', { class: 'muted' }, e.titles.join('; ')) : null,
    e.signedOn ? h('div', {}, 'signed on ', e.signedOn) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'btn-expand', onclick: () => expand(id) }, 'Expand neighbours'),
      h('button', { type: 'button', onclick: () => focus(id) }, 'Focus'),
      h('button', { type: 'button', onclick: () => { $('#path-from').value = e.name; $('#path-from').dataset.id = id; $('#path-to').focus(); } }, 'Path from here')),
    h('h2', {}, `Relations (${e.relations.totalCount})`),
    h('ul', { class: 'plain', id: 'relations' }, e.relations.nodes.map((r) => h('li', {},
      h('span', { class: 'name' }, r.subject.id === id ? '' : r.subject.name + ' ', h('em', {}, r.predicate), ' ',
        r.object ? (r.object.id === id ? '' : r.object.name) : r.value,
        h('span', { class: 'muted' }, ` ${r.confidence.toFixed(2)}`)),
      h('button', { type: 'button', 'data-edge': r.id, 'aria-label': `evidence for ${r.predicate} ${r.object ? r.object.name : r.value}`,
        onclick: () => showEvidence(r.id) }, `Evidence (${r.evidenceCount})`)))),
  ]));
  showTimeline(id);
}

function escapeRE(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// highlight marks the words of sentence that name the relation's ends
function highlight(sentence, names) {
  const words = [...new Set(names.filter((n) => n && n.length > 1))].sort((a, b) => b.length - a.length);
  if (!words.length) return [sentence];
  const re = new RegExp(words.map(escapeRE).join('|'), 'gi');
  const out = [];
  let last = 0;
  for (const m of sentence.matchAll(re)) {
    out.push(sentence.slice(last, m.index), h('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  out.push(sentence.slice(last));
  return out;
}

async function showEvidence(id) {
  state.edge = id;
  writeURL();
  cy.elements().unselect();
  cy.getElementById(id).select();
  const d = await gql(`query($id: ID!) { node(id: $id) { ... on Relation { id predicate confidence evidenceCount value
    subject { id name aliases } object { id name aliases }
    evidence(first: 50) { article published text start end charStart charEnd confidence rule } } } }`, { id });
  const r = d.node;
  const panel = $('#evidence');
  if (!r) { panel.replaceChildren(h('p', { class: 'muted' }, `no relation ${id}`)); return; }
  const ids = [...new Set(r.evidence.map((e) => e.article))].slice(0, 25);
  let titles = {};
  if (ids.length) {
    const q = ids.map((a, i) => `a${i}: article(id: ${JSON.stringify(a)}) { id title url }`).join(' ');
    const t = await gql(`{ ${q} }`);
    titles = Object.fromEntries(Object.values(t).filter(Boolean).map((a) => [a.id, a]));
  }
  const names = [r.subject.name, ...r.subject.aliases, ...(r.object ? [r.object.name, ...r.object.aliases] : [r.value])];
  panel.replaceChildren(...present([
    h('h2', {}, 'Evidence'),
    h('div', {}, h('strong', {}, r.subject.name), ' ', h('em', {}, r.predicate), ' ', h('strong', {}, r.object ? r.object.name : r.value)),
    h('div', { class: 'muted' }, `confidence ${r.confidence.toFixed(2)} · ${r.evidenceCount} sentence${r.evidenceCount === 1 ? '' : 's'} · ${r.id}`),
    ...r.evidence.map((e) => {
      const a = titles[e.article] || { id: e.article };
      return h('div', { class: 'evidence' },
        h('div', { class: 'text' }, ...highlight(e.text, names)),
        h('div', { class: 'meta' }, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); showArticle(e.article, e.charStart, e.charEnd); } },
          a.title || e.article), e.published ? ` · ${e.published}` : '', ` · ${e.rule} ${e.confidence.toFixed(2)}`,
        e.charStart !== null ? ` · characters ${e.charStart}–${e.charEnd}` : ''));
    }),
  ]));
  tab('evidence');
}

async function showArticle(id, markStart = null, markEnd = null) {
  state.article = id;
  writeURL();
  const d = await gql(`query($id: ID!) { article(id: $id) { id title published url publisher text
    mentions { charStart charEnd entity { id name type } } } }`, { id });
  const a = d.article;
  const panel = $('#article');
  if (!a) { panel.replaceChildren(h('p', { class: 'muted' }, `no article ${id}`)); return; }
  const body = h('div', { class: 'article-text' });
  if (a.text) {
    const chars = Array.from(a.text); // code points, as charStart and charEnd count
    let at = 0;
    const ms = a.mentions.filter((m) => m.charStart !== null).sort((x, y) => x.charStart - y.charStart);
    for (const m of ms) {
      if (m.charStart < at) continue; // overlapping: the first wins
      body.append(chars.slice(at, m.charStart).join(''));
      body.append(h('mark', { title: `${m.entity.name} (${m.entity.type})` }, h('a', { href: '#', 'data-entity': m.entity.id,
        onclick: (ev) => { ev.preventDefault(); cy.getElementById(m.entity.id).nonempty() ? selectNode(m.entity.id) : focus(m.entity.id); } },
      chars.slice(m.charStart, m.charEnd).join(''))));
      at = m.charEnd;
    }
    body.append(chars.slice(at).join(''));
  } else {
    body.append(h('p', { class: 'muted' }, 'This article was stored without its text.'));
  }
  panel.replaceChildren(...present([
    h('h2', {}, 'Article'),
    h('div', {}, h('strong', {}, a.title || a.id)),
    h('div', { class: 'muted' }, [a.publisher, a.published].filter(Boolean).join(' · '), a.url ? [' · ', h('a', { href: a.url, rel: 'noopener', target: '_blank' }, 'source')] : null),
    body]));
  tab('article');
  if (markStart !== null) {
    const marks = body.querySelectorAll('mark');
    if (marks.length) marks[0].scrollIntoView({ block: 'nearest' });
  }
}

async function showTimeline(id) {
  const d = await gql(`query($id: ID!) { entity(id: $id) { name articles(first: 100) { totalCount nodes { id title published } } } }`, { id });
  const e = d.entity;
  const panel = $('#timeline');
  if (!e) return;
  const arts = e.articles.nodes.filter((a) => a.published).sort((a, b) => a.published.localeCompare(b.published));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 300 60');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${arts.length} dated articles mention ${e.name}`);
  if (arts.length) {
    const t0 = Date.parse(arts[0].published), t1 = Date.parse(arts[arts.length - 1].published);
    const x = (d) => 10 + (t1 === t0 ? 140 : (280 * (Date.parse(d) - t0)) / (t1 - t0));
    svg.innerHTML = `<line x1="10" y1="40" x2="290" y2="40" stroke="#9aa5ad"/>` + arts.map((a) =>
      `<circle cx="${x(a.published)}" cy="40" r="4" fill="#1f6feb"><title>${a.published}</title></circle>`).join('')
      + `<text x="10" y="56" font-size="9">${arts[0].published}</text><text x="290" y="56" font-size="9" text-anchor="end">${arts[arts.length - 1].published}</text>`;
  }
  panel.replaceChildren(h('h2', {}, `Timeline: ${e.name} (${e.articles.totalCount} articles)`), svg,
    h('ul', { class: 'plain' }, e.articles.nodes.map((a) => h('li', {}, h('span', { class: 'muted' }, a.published || '—'),
      h('a', { class: 'name', href: '#', onclick: (ev) => { ev.preventDefault(); showArticle(a.id); } }, a.title || a.id)))));
}

function tab(name) {
  for (const b of document.querySelectorAll('.tabs button')) {
    const on = b.dataset.tab === name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    $('#' + b.dataset.tab).hidden = !on;
  }
}

// ---- Path finder, exports ------------------------------------------------------

async function findPath() {
  const from = $('#path-from').dataset.id, to = $('#path-to').dataset.id;
  if (!from || !to) { status('pick both ends of the path from the suggestions'); return; }
  state.from = from; state.to = to;
  writeURL();
  const d = await gql(`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxDepth: 6) { nodes { ${NODE} } edges { ${EDGE} } } }`, { a: from, b: to });
  const p = d.path;
  cy.elements().removeClass('path');
  if (!p.nodes.length) { $('#path-result').textContent = 'No path within 6 hops.'; return; }
  await merge(p, null);
  cy.batch(() => { for (const n of p.nodes) cy.getElementById(n.id).addClass('path'); for (const e of p.edges) cy.getElementById(e.id).addClass('path'); });
  applyFilters();
  await layout();
  $('#path-result').textContent = `${p.edges.length} hop${p.edges.length === 1 ? '' : 's'}: ` + p.nodes.map((n) => n.name).join(' → ');
}

function download(name, blob) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function status(msg) {
  const el = $('#status');
  if (!el) return;
  el.textContent = msg || (pending ? 'loading…' : `${cy ? cy.nodes(':visible').length : 0} entities · ${cy ? cy.edges(':visible').length : 0} relations`);
}

// ---- Start ---------------------------------------------------------------------

// a click shows a node and adds its neighbours, once
cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  selectNode(id);
  if (id !== state.focus && !state.expanded.includes(id)) expand(id);
});
cy.on('tap', 'edge', (ev) => { showEvidence(ev.target.id()); });

async function start() {
  readURL();
  buildFilters();
  combo($('#search'), (it) => focus(it.id));
  combo($('#path-from'), () => {});
  combo($('#path-to'), () => {});
  $('#path-go').addEventListener('click', findPath);
  $('#export-png').addEventListener('click', async () => download('newsgraph-view.png', await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' })));
  $('#export-json').addEventListener('click', () => download('newsgraph-view.json',
    new Blob([JSON.stringify({ view: location.hash, ...cy.json() }, null, 1)], { type: 'application/json' })));
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => tab(b.dataset.tab));
  window.addEventListener('hashchange', () => { /* the page writes the hash itself; a pasted link reloads */ });
  if (state.focus) {
    const expanded = [...state.expanded];
    await focus(state.focus);
    for (const id of expanded) await expand(id);
    if (state.edge) await showEvidence(state.edge);
    if (state.article) await showArticle(state.article);
  } else {
    const d = await gql(`{ stats(top: 1) { entities relations topEntities { entity { id } } } }`);
    status(`${d.stats.entities} entities, ${d.stats.relations} relations: search one to start`);
    if (d.stats.topEntities.length) $('#search').placeholder = 'Search an entity, e.g. ' + d.stats.topEntities[0].entity.id.split('/').pop();
  }
  window.__explorer.ready = true;
}

window.__explorer = { cy, state, ready: false, get pending() { return pending; }, layout, merge };
start().catch((err) => { status('error: ' + err.message); window.__explorer.error = err.message; });
