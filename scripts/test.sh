#!/usr/bin/env bash
# The whole test suite: static checks, build, package checks, vitest (unit, integration,
# browser, type tests). Ends with the line "N passed, N failed" (vitest tests + failed checks).
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

step "tsc --noEmit" npx tsc --noEmit -p .
step "biome ci" npx biome ci .
step "tsup build" npx tsup
step "publint --strict" npx publint --strict
step "attw --pack" npx attw --pack . --profile node16
step "smoke import (ESM + CJS)" node scripts/smoke.mjs
if [ -f scripts/check-extra.sh ]; then step "extra checks" bash scripts/check-extra.sh; fi

results=.vitest-results.json
rm -f "$results"
npx vitest run --typecheck --reporter=default --reporter=json --outputFile.json="$results"
vitest_rc=$?

node -e '
const fs = require("node:fs");
const [file, checksPassed, checksFailed, rc] = process.argv.slice(1);
let passed = 0, failed = 0;
if (fs.existsSync(file)) {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  // suites that failed to load count as failures
  for (const s of r.testResults) if (s.status === "failed" && s.assertionResults.length === 0) failed++;
} else failed++;
if (Number(rc) !== 0 && failed === 0) failed++;
passed += Number(checksPassed);
failed += Number(checksFailed);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
' "$results" "$passed_checks" "$failed_checks" "$vitest_rc"
