// Runs the page's unit tests (test/*.test.ts) under node's test runner: esbuild bundles each
// into OUTDIR first, since node does not run TypeScript.
//
//   node scripts/unit-tests.mjs [--outdir ../build/web/unit]

import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? resolve(process.argv[at + 1]) : resolve(webDir, '../build/web/unit');
const tests = readdirSync(join(webDir, 'test')).filter((name) => name.endsWith('.test.ts')).sort();

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: webDir,
  entryPoints: tests.map((name) => `test/${name}`),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  outdir,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const files = tests.map((name) => join(outdir, name.replace(/\.ts$/, '.mjs')));
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
