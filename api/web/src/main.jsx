// GraphiQL for newsgraph, bundled by esbuild (build.mjs) and embedded in the
// Go binary: no CDN, everything comes from the npm registry at build time.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

const endpoint = new URL('/graphql', window.location.href).toString();

async function fetcher(params, opts) {
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
    ...(opts && opts.headers),
  };
  const res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(params) });
  return res.json();
}

const defaultQuery = `# newsgraph: the knowledge graph of the news, over GraphQL.
# Mutations need "Authorization": "Bearer <token>" in the headers tab.
{
  search(query: "Korea", first: 5) {
    totalCount
    nodes {
      score
      matched
      entity { id name type }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: false }),
);
