#!/usr/bin/env bash
# Checks beyond the type check, lint and build: the committed generated Chime catalog is what the
# generator writes, the API docs build without warnings, and the bundles fit their budgets.
set -u
cd "$(dirname "$0")/.."
rc=0
if [ -f scripts/codegen/generate.mjs ]; then
  echo "::: codegen is deterministic and committed"
  npm run --silent codegen >/dev/null || rc=1
  if git rev-parse --git-dir >/dev/null 2>&1; then
    if ! git diff --exit-code --stat -- src/chime/generated; then
      echo "src/chime/generated differs from the generator's output: run 'npm run codegen' and commit" >&2
      rc=1
    fi
    untracked=$(git ls-files --others --exclude-standard -- src/chime/generated)
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
