// first-load-js: the JavaScript a browser downloads to load a route, read from the build output
// of Next 16 (Turbopack), and cross-checked against the <script> tags of the served HTML.
//
// For an App Router route Next writes:
//   .next/server/app/<route>/page/build-manifest.json      rootMainFiles (framework + runtime,
//                                                           on every page), polyfillFiles
//   .next/server/app/<route>/page_client-reference-manifest.js
//                                                           entryJSFiles: per segment of the route
//                                                           (root layout, error boundaries, nested
//                                                           layouts, the page), the chunks holding
//                                                           its client components
// First-load JS = rootMainFiles ∪ every entryJSFiles chunk. polyfillFiles are sent with
// `noModule`, which modern browsers skip; they are reported apart.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

function routeDir(nextDir, route) {
  return path.join(nextDir, 'server', 'app', route === '/' ? '' : route.replace(/^\//, ''));
}

function clientReferenceManifest(nextDir, route) {
  const file = path.join(routeDir(nextDir, route), 'page_client-reference-manifest.js');
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox);
  const key = route === '/' ? '/page' : `${route}/page`;
  const manifest = sandbox.__RSC_MANIFEST?.[key];
  if (!manifest) throw new Error(`no client reference manifest for ${key} in ${file}`);
  return manifest;
}

const normalize = (file) => file.replace(/^\/?_next\//, '').replace(/^\//, '');

function sizeOf(nextDir, file) {
  const content = readFileSync(path.join(nextDir, file));
  return { file, raw: content.length, gzip: gzipSync(content).length };
}

/** The chunks of `route` (e.g. '/', '/protected') from the manifests, with raw and gzip sizes. */
export function firstLoadJs(nextDir, route) {
  const buildManifest = JSON.parse(readFileSync(path.join(routeDir(nextDir, route), 'page', 'build-manifest.json'), 'utf8'));
  const manifest = clientReferenceManifest(nextDir, route);
  const shared = buildManifest.rootMainFiles.map(normalize);
  const segments = Object.entries(manifest.entryJSFiles ?? {}).map(([segment, files]) => ({
    segment: segment.replace('[project]/', ''),
    files: files.map(normalize),
  }));
  const routeFiles = [...new Set(segments.flatMap((segment) => segment.files))].filter((file) => !shared.includes(file));
  const files = [...shared, ...routeFiles].map((file) => ({ ...sizeOf(nextDir, file), shared: shared.includes(file) }));
  const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
  const clientComponents = Object.keys(manifest.clientModules ?? {})
    .filter((module) => module.startsWith('[project]/') && !module.includes('/node_modules/'))
    .map((module) => module.replace('[project]/', ''));
  const polyfills = (buildManifest.polyfillFiles ?? []).map((file) => sizeOf(nextDir, normalize(file)));
  return {
    route,
    files,
    segments,
    clientComponents,
    rawKB: kb(sum(files, 'raw')),
    gzipKB: kb(sum(files, 'gzip')),
    sharedGzipKB: kb(sum(files.filter((file) => file.shared), 'gzip')),
    routeGzipKB: kb(sum(files.filter((file) => !file.shared), 'gzip')),
    polyfillNoModuleGzipKB: kb(sum(polyfills, 'gzip')),
  };
}

/** The `/_next/static/…js` files an HTML document loads with <script src> (noModule ones apart). */
export function scriptsInHtml(html) {
  const modern = new Set();
  const noModule = new Set();
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const src = /\ssrc="([^"]+\.js)"/.exec(attributes)?.[1];
    if (!src || !src.includes('/_next/static/')) continue;
    (/\snoModule\b/i.test(attributes) ? noModule : modern).add(normalize(src.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')));
  }
  return { modern: [...modern], noModule: [...noModule] };
}

/** Compares the manifest's list with what the HTML actually references. */
export function crossCheck(nextDir, report, html) {
  const fromHtml = scriptsInHtml(html).modern.filter((file) => existsSync(path.join(nextDir, file)));
  const fromManifest = new Set(report.files.map((file) => file.file));
  const missingFromManifest = fromHtml.filter((file) => !fromManifest.has(file));
  const notInHtml = [...fromManifest].filter((file) => !fromHtml.includes(file));
  const htmlGzip = fromHtml.reduce((total, file) => total + sizeOf(nextDir, file).gzip, 0);
  return { htmlScripts: fromHtml.length, htmlGzipKB: kb(htmlGzip), missingFromManifest, notInHtml };
}
