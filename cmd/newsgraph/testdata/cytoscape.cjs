// Loads a Cytoscape.js JSON export into cytoscape.js, headless, and prints
// what it holds: node .../cytoscape.cjs FILE WEB_DIR (WEB_DIR holds the
// node_modules that api/web installs).
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const [file, web] = process.argv.slice(2);
const cytoscape = createRequire(path.join(path.resolve(web), 'package.json'))('cytoscape');
const json = JSON.parse(readFileSync(file, 'utf8'));
const cy = cytoscape({ headless: true, styleEnabled: false });
cy.json(json); // the whole document, as an app that saved cy.json() loads it back
const dangling = cy.edges().filter((e) => e.source().empty() || e.target().empty()).length;
const other = cytoscape({ headless: true, elements: json.elements }); // elements alone
console.log(JSON.stringify({
  nodes: cy.nodes().length, edges: cy.edges().length, dangling,
  elementsNodes: other.nodes().length, elementsEdges: other.edges().length,
  types: [...new Set(cy.nodes().map((n) => n.data('type')))].sort(),
  weighted: cy.edges().filter((e) => typeof e.data('weight') === 'number').length,
}));
