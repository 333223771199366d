#!/usr/bin/env bash
# The whole test suite: lint, build, package checks, then vitest (unit, integration, browsers,
# the runtime matrix, type tests). Each expensive check runs once:
# - the type check: vitest --typecheck runs tsc over the whole project (tsconfig.json);
# - the build: test/setup/build.mjs here (vitest's globalSetup then finds dist/ up to date);
# - typedoc: test/docs/typedoc.test.ts; codegen staleness: test/chime/bundle.test.ts;
# - bundle budgets (.size-limit.json): test/browser/bundle-size.test.ts.
# Prints one "RUNTIME: N passed, N failed" line per runtime of the matrix (test/runtimes), then
# the final line "N passed, N failed" (vitest tests + failed checks).
set -u
cd "$(dirname "$0")/.."

failed_checks=0
passed_checks=0
step() {
  local name="$1"
  shift
  echo "::: $name"
  if "$@"; then
    passed_checks=$((passed_checks + 1))
  else
    echo "::: FAILED: $name" >&2
    failed_checks=$((failed_checks + 1))
  fi
}

# the runtimes of the matrix (Node 22/24, Deno, Bun, workerd): their own install, see .ci/runtimes
# (again whenever its lock file is newer than the install)
if [ ! -f .ci/runtimes/node_modules/.package-lock.json ] || [ .ci/runtimes/package-lock.json -nt .ci/runtimes/node_modules/.package-lock.json ]; then
  echo "::: installing the matrix's runtimes (.ci/runtimes)"
  npm ci --prefix .ci/runtimes --no-audit --no-fund --silent || echo "::: runtime install failed: those suites will fail in CI" >&2
fi

step "biome ci" npx biome ci .
step "tsup build" node test/setup/build.mjs --force
step "publint --strict + attw (every profile)" npm run --silent check:package
step "smoke import (ESM + CJS)" node scripts/smoke.mjs
step "size figures in README and docs/sizes.md are current" node scripts/sizes.mjs --check

results=.vitest-results.json
rm -f "$results"
npx vitest run --typecheck --reporter=default --reporter=json --outputFile.json="$results"
vitest_rc=$?

node -e '
const fs = require("node:fs");
const [file, checksPassed, checksFailed, rc] = process.argv.slice(1);
let passed = 0, failed = 0;
// the runtime matrix, in this order; a suite is "runtime NAME" (test/runtimes/suite.ts), and the
// Chromium tests of test/browser count for chromium
const order = ["node20", "node22", "node24", "deno", "bun", "workerd", "chromium", "firefox"];
const runtimes = new Map(order.map((n) => [n, { passed: 0, failed: 0, skipped: 0 }]));
if (fs.existsSync(file)) {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  for (const s of r.testResults) {
    // suites that failed to load count as failures
    if (s.status === "failed" && s.assertionResults.length === 0) {
      failed++;
      const m = /test\/runtimes\/(\w+)\.test\.ts$/.exec(s.name);
      if (m && runtimes.has(m[1])) runtimes.get(m[1]).failed++;
    }
    for (const a of s.assertionResults) {
      const m = /^runtime (\w+)$/.exec(a.ancestorTitles[0] ?? "");
      const name = m ? m[1] : /\/test\/browser\/[^/]+\.browser\.test\.ts$/.test(s.name) ? "chromium" : undefined;
      if (!name) continue;
      if (!runtimes.has(name)) runtimes.set(name, { passed: 0, failed: 0, skipped: 0 });
      const t = runtimes.get(name);
      if (a.status === "passed") t.passed++;
      else if (a.status === "failed") t.failed++;
      else t.skipped++;
    }
  }
} else failed++;
for (const [name, t] of runtimes) {
  if (t.passed + t.failed + t.skipped === 0) { t.failed++; failed++; } // a runtime that ran nothing fails
  console.log(`${name}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`);
}
if (Number(rc) !== 0 && failed === 0) failed++;
passed += Number(checksPassed);
failed += Number(checksFailed);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
' "$results" "$passed_checks" "$failed_checks" "$vitest_rc"
