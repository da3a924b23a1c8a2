#!/usr/bin/env bash
# Build and package the VS Code extension: editors/vscode/agentguard.vsix.
# Needs Node.js 20+ and npm; every tool comes from package-lock.json (npm ci).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx tsc -p ./
npx vsce package --out agentguard.vsix
echo "built $(pwd)/agentguard.vsix"
