// What the browser tests share: where the binary, data, page sources and artifacts are, the
// chromium they drive (the process exits 77, CTest's "skipped", when it is not installed), the
// flags it needs, and starting the real server on a loopback port of its own.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.OUTBREAK_BINARY ?? join(root, 'build/src/cli/outbreak');
export const dataDir = process.env.OUTBREAK_DATA_DIR ?? join(root, 'data');
export const webDir = process.env.OUTBREAK_WEB_DIR ?? join(root, 'web');
export const artifacts = process.env.OUTBREAK_ARTIFACTS ?? join(root, 'build/test-artifacts');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const screenshots = join(artifacts, 'screenshots');

if (!existsSync(chromiumPath)) {
  console.log(`SKIPPED: ${chromiumPath} is not installed (scripts/install-deps.sh installs chromium)`);
  process.exit(77);
}
// playwright-core is installed with the page's packages (web/node_modules).
export const { chromium } = createRequire(join(webDir, 'package.json'))('playwright-core');

export const kPassword = 'password123';
// The chromium flags that work headless as root on these machines (shared/DESIGN.md). Playwright
// gives each launch a fresh user-data-dir of its own.
export const kChromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Runs the command line; throws with its stderr when it fails.
export function run(args, input) {
  const result = spawnSync(binary, args, { input, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`outbreak ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout;
}

// Starts `outbreak serve --demo` on the database; resolves to { child, port } once it listens.
export function startServer(db) {
  return new Promise((resolvePort, reject) => {
    const child = spawn(binary, ['--db', db, '--data-dir', dataDir, 'serve', '--demo', '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(match[1]) });
      }
    });
    child.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${err}`)));
  });
}
