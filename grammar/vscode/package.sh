#!/usr/bin/env bash
# Builds costdsl-VERSION.vsix in this folder: installs the pinned npm packages (package-lock.json),
# copies the grammar in and packages the extension with @vscode/vsce.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx vsce package --skip-license --allow-missing-repository "$@"
