// The explorer's layout, off the page's thread: a d3-force simulation of
// the nodes and edges the page sends, run to rest here so that drawing
// 2,000 elements never freezes the page. Nodes that already have a place
// start from it (and the ones marked fixed stay there), so that an
// expansion moves the graph little.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';

self.onmessage = (ev) => {
  const { id, nodes, edges } = ev.data;
  const sim = forceSimulation(nodes)
    .force('link', forceLink(edges).id((d) => d.id).distance(90).strength(0.4))
    .force('charge', forceManyBody().strength(nodes.length > 600 ? -60 : -220).theta(0.9))
    .force('collide', forceCollide(22))
    .force('x', forceX(0).strength(0.03))
    .force('y', forceY(0).strength(0.03))
    .force('center', forceCenter(0, 0))
    .stop();
  const ticks = Math.min(300, Math.ceil(Math.log(sim.alphaMin()) / Math.log(1 - sim.alphaDecay())));
  for (let i = 0; i < ticks; i++) {
    sim.tick();
    if (i % 50 === 49) self.postMessage({ id, progress: (i + 1) / ticks });
  }
  const positions = {};
  for (const n of nodes) positions[n.id] = { x: n.x, y: n.y };
  self.postMessage({ id, positions });
};
