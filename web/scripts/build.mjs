// Bundles the page: TypeScript and CSS through esbuild (minified, hashed names), the national
// outline cut out of world-atlas, and index.html naming the hashed files. Views imported with
// import() (the care view) become chunks of their own, fetched when first opened; the code they
// share with the rest goes into a chunk that index.html preloads.
//
//   node scripts/build.mjs --outdir ../build/web/dist [--manifest ../build/web/bundle.json]
//
// The output folder is emptied first, so that it holds exactly the files to embed.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import * as esbuild from 'esbuild';

import { outlineGeoJson } from './outline.mjs';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  if (at + 1 >= process.argv.length) throw new Error(`${name} needs a value`);
  return resolve(process.argv[at + 1]);
}

const outdir = argument('--outdir', resolve(webDir, '../build/web/dist'));
const manifestPath = argument('--manifest', null);

// The outline is a module of its own: import { outline } from 'virtual:outline'.
const outlinePlugin = {
  name: 'outline',
  setup(build) {
    build.onResolve({ filter: /^virtual:outline$/ }, (args) => ({
      path: args.path,
      namespace: 'outline',
    }));
    build.onLoad({ filter: /.*/, namespace: 'outline' }, () => ({
      contents: JSON.stringify(outlineGeoJson(webDir)),
      loader: 'json',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: webDir,
  entryPoints: { app: 'src/main.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  outdir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [outlinePlugin],
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const [entryPath, entry] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === 'src/main.ts') ?? [];
const script = entryPath && basename(entryPath);
const style = entry?.cssBundle ? basename(entry.cssBundle) : outputs.find((name) => name.endsWith('.css'));
if (!script || !style) throw new Error(`the bundle lacks a script or a style sheet: ${outputs}`);
// What the script imports before it runs: fetched at once, beside it.
const preloads = entry.imports.filter((i) => i.kind === 'import-statement' && i.path.endsWith('.js')).map((i) => basename(i.path));
// Scripts first, then the style sheet, then the chunks fetched later.
outputs.sort((a, b) => (a === script ? -1 : b === script ? 1 : 0) || (a === style ? -1 : b === style ? 1 : 0) || (preloads.includes(b) - preloads.includes(a)));

const template = readFileSync(join(webDir, 'index.html'), 'utf8');
if (!template.includes('<!-- assets -->')) throw new Error('index.html lacks <!-- assets -->');
const html = template.replace(
  '<!-- assets -->',
  `<link rel="stylesheet" href="/assets/${style}">\n` +
    preloads.map((name) => `  <link rel="modulepreload" href="/assets/${name}">\n`).join('') +
    `  <script type="module" src="/assets/${script}"></script>`,
);
writeFileSync(join(outdir, 'index.html'), html);

// Each file also gzipped beside it (NAME.gz), for browsers that accept it: the server sends
// those bytes as they are.
const files = ['index.html', ...outputs].map((name) => {
  const bytes = readFileSync(join(outdir, name));
  const gzipped = gzipSync(bytes, { level: 9 });
  writeFileSync(join(outdir, `${name}.gz`), gzipped);
  return { name, bytes: bytes.length, gzip_bytes: gzipped.length };
});
const total = files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzip_bytes }),
  { bytes: 0, gzip: 0 });
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const f of files) console.log(`web: ${f.name} ${kib(f.bytes)} (${kib(f.gzip_bytes)} gzip)`);
console.log(`web: total ${kib(total.bytes)} (${kib(total.gzip)} gzip)`);
if (manifestPath) {
  writeFileSync(manifestPath, JSON.stringify({ files, bytes: total.bytes, gzip_bytes: total.gzip }, null, 2) + '\n');
}
