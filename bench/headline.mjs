// The table bench/README.md opens with: one row per run, from results files.
//
//   node bench/headline.mjs bench/results.json [more results.json …]   → Markdown on stdout
import { readFileSync } from 'node:fs';

const rows = process.argv.slice(2).map((file) => {
  const { generatedAt, machine, figures } = JSON.parse(readFileSync(file, 'utf8'));
  const { overhead, middlewareUs, idpCallsSteady } = figures;
  const demo = middlewareUs.cases.find((c) => c.resources === 2 && c.path === '/protected') ?? middlewareUs.cases[0];
  const perView = idpCallsSteady.requestsServed ? idpCallsSteady.providerRequests / idpCallsSteady.requestsServed : NaN;
  return [
    `${generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    `${machine.cores}-core ${machine.cpuModel.replace(/\(R\)/g, '')}, node ${machine.node.replace(/^v/, '')}, next ${machine.next}, commit ${machine.commit}${machine.uncommittedChanges ? '+' : ''}`,
    overhead.cached.authOverStatic,
    overhead.cached.authOverFloor,
    overhead.uncached.authOverStatic,
    `${demo.first.medianUs} µs`,
    middlewareUs.edge && !middlewareUs.edge.skipped ? `${middlewareUs.edge.first.medianUs} µs (floor ${middlewareUs.edge.floor.medianUs})` : '—',
    middlewareUs.secondReadShare ?? '—',
    `${idpCallsSteady.providerRequests} in ${idpCallsSteady.requestsServed} (${perView})`,
  ];
});

const header = ['run', 'machine', 'cached auth ÷ static', 'cached auth ÷ floor', 'uncached auth ÷ static', 'middleware first sight (median, Node)', 'middleware first sight in the Edge sandbox (median)', 'second read ÷ first', 'IdP calls per view'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
