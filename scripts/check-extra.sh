#!/usr/bin/env bash
# Checks beyond the type check, lint and build: the committed generated code (Chime catalog,
# validator) is what the generators write, the API docs build without warnings, and the bundles fit their budgets.
set -u
cd "$(dirname "$0")/.."
rc=0
if [ -f scripts/codegen/generate.mjs ]; then
  echo "::: generated code is up to date (npm run codegen -- --check)"
  npm run --silent codegen -- --check || rc=1
  if git rev-parse --git-dir >/dev/null 2>&1; then
    untracked=$(git ls-files --others --exclude-standard -- src/chime/generated src/schemas/generated)
    if [ -n "$untracked" ]; then
      echo "untracked generated files: $untracked" >&2
      rc=1
    fi
  fi
fi
if [ -f typedoc.json ]; then
  echo "::: typedoc (warnings are errors)"
  npx typedoc || rc=1
fi
if [ -f .size-limit.json ] || [ -f .size-limit.js ] || [ -f .size-limit.cjs ]; then
  echo "::: size-limit budgets"
  npx size-limit || rc=1
fi
exit $rc
