// End-to-end scenarios for the built site in a real headless Chromium. Each scenario
// runs over http://127.0.0.1 (a tiny static server) and from file://, and fails on any
// console error or any request that leaves the site.
//
// usage: node run.mjs --site DIR --chromium PATH [--only NAME]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './cdp.mjs';
import { scenarios as siteScenarios } from './scenarios.mjs';
import { reportScenarios } from './report_scenarios.mjs';

const scenarios = { ...siteScenarios, ...reportScenarios };

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const site = args.site;
const chromium = args.chromium ?? '/usr/bin/chromium';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8', '.md': 'text/markdown; charset=utf-8' };

function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const server = await serve(site);
  const bases = {
    http: `http://127.0.0.1:${server.address().port}/`,
    file: pathToFileURL(site.endsWith('/') ? site : `${site}/`).href,
  };
  const browser = await launch(chromium);
  let failed = 0;
  let passed = 0;
  try {
    for (const [mode, base] of Object.entries(bases)) {
      for (const [name, run] of Object.entries(scenarios)) {
        if (args.only && args.only !== name) continue;
        const page = await browser.newPage();
        const label = `${name} [${mode}]`;
        try {
          await run(page, { base, mode, site, url: (p) => base + p });
          const foreign = page.requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && u !== 'about:blank');
          if (foreign.length) throw new Error(`requests outside the site: ${foreign.join(', ')}`);
          if (page.errors.length) throw new Error(`console errors:\n    ${page.errors.join('\n    ')}`);
          passed += 1;
          console.log(`ok   ${label}`);
        } catch (e) {
          failed += 1;
          console.log(`FAIL ${label}: ${e.message}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
