#!/usr/bin/env bash
# The guard library as a user gets it: `npm pack` it, install the tarball into a copy of the example
# outside this repository (so nothing resolves from the root node_modules) and build the example.
# A missing export or an undeclared dependency fails here.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm run build -w @scopegate/nest-scopes >/dev/null
tarball="$(npm pack -w @scopegate/nest-scopes --pack-destination "$work" --silent | tail -n 1)"
cp -r examples/inventory-api/src examples/inventory-api/package.json \
  examples/inventory-api/tsconfig.json "$work/"
cd "$work"
# The example names the library by version; here it comes from the tarball instead.
npm pkg set "dependencies.@scopegate/nest-scopes=file:./$tarball"
npm install --no-audit --no-fund --prefer-offline --ignore-scripts --no-package-lock
npm run build
test -f dist/main.js
node -e "require('@scopegate/nest-scopes').ScopesModule || process.exit(1)"
echo "pack-install: the packed library installs and the example builds against it"
