#!/usr/bin/env node
// `npm test`: type-check, lint, build, unit + integration (vitest), e2e (Playwright in Debian's Chromium).
// Ends with the line `N passed, N failed, N skipped` summed over every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemDeps } from './system-deps.mjs';
import { root } from './lib.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const bin = (name) => join(root, 'node_modules/.bin', name);

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
}

/** A whole-step check (type-check, lint, build) counts as one test. */
function step(label, cmd, args) {
  const ok = run(label, cmd, args);
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitest() {
  const out = join(root, '.vitest-report.json');
  rmSync(out, { force: true });
  const ok = run('unit + integration (vitest)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  const rep = readJson(out);
  if (!rep) {
    totals.failed += 1;
    failures.push('vitest produced no report');
    return;
  }
  totals.passed += rep.numPassedTests;
  totals.failed += rep.numFailedTests;
  totals.skipped += rep.numPendingTests + rep.numTodoTests;
  // A suite that fails to load, or an error thrown outside any test (vitest's "Unhandled
  // Errors"), has no failed test but still fails the run: say which it was.
  if (!ok && rep.numFailedTests === 0) {
    totals.failed += rep.numFailedTestSuites || 1;
    failures.push(
      rep.numFailedTestSuites
        ? `vitest: ${rep.numFailedTestSuites} test file(s) failed to load`
        : 'vitest: an error was thrown outside any test (see "Unhandled Errors" above)',
    );
  } else if (rep.numFailedTests) failures.push(`vitest: ${rep.numFailedTests} failed`);
}

/** Titles and reasons of skipped e2e tests, so a skip is never silent in the summary. */
function skippedTests(suites, out = []) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${spec.title}: ${why}`);
      }
    }
    skippedTests(suite.suites ?? [], out);
  }
  return out;
}

function playwright() {
  const out = join(root, '.playwright-report.json');
  rmSync(out, { force: true });
  run('e2e (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const rep = readJson(out);
  if (!rep?.stats) {
    totals.failed += 1;
    failures.push('playwright produced no report');
    return;
  }
  const s = rep.stats;
  totals.passed += s.expected + (s.flaky ?? 0);
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  if (s.unexpected) failures.push(`playwright: ${s.unexpected} failed`);
  for (const t of skippedTests(rep.suites ?? [])) console.log(`Skipped (e2e): ${t}`);
  if ((rep.errors ?? []).length) {
    totals.failed += 1;
    failures.push('playwright: global error');
  }
}

ensureSystemDeps();
step('type-check (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
step('type-check (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
step('lint (boundaries)', bin('eslint'), ['.']);
step('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
const built = step('build (electron-vite)', process.execPath, [
  join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
  'build',
]);
vitest();
if (built && existsSync(join(root, 'out/renderer/index.html'))) playwright();
else {
  totals.failed += 1;
  failures.push('e2e not run: the build failed');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
