#!/usr/bin/env node
// Runs graphql-http's GraphQL-over-HTTP server audits against a URL:
//   node audit.mjs http://127.0.0.1:8080/graphql
// Every MUST and SHOULD audit has to pass (exit 1 otherwise); MAY audits
// are reported and fail too, unless --allow-may is given.
import { serverAudits } from 'graphql-http';

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--'));
const allowMay = args.includes('--allow-may');
if (!url) {
  console.error('usage: node audit.mjs [--allow-may] <graphql endpoint URL>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  results.push(await audit.fn());
}

let failed = 0;
for (const r of results) {
  const bad = r.status !== 'ok' && !(allowMay && r.status === 'notice');
  if (bad) failed++;
  const mark = r.status === 'ok' ? 'ok  ' : bad ? 'FAIL' : 'skip';
  console.log(`${mark} ${r.id} ${r.name}${r.status === 'ok' ? '' : ` (${r.status}): ${r.reason}`}`);
}
const passed = results.length - failed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
