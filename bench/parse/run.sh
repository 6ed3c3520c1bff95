#!/usr/bin/env bash
# Bytes allocated and time per declaration by the parser, for a few one-line declaration shapes
# (2,000 lines each, parsed 3 times after a warm-up). Allocation is the figure to watch: it does not
# depend on the machine's load, and garbage collection was about half of a big spec's parse time.
#
#   bench/parse/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dotnet build "$repo/src/CostDsl.Core" -c Release -v quiet -nologo >/dev/null
bin="$repo/src/CostDsl.Core/bin/Release/net10.0"
sprache="$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/sprache" -name Sprache.dll -path '*netstandard2.1*' | sort | tail -n 1)"
work="$(mktemp -d -t costdsl-parse-XXXXXX)"
trap 'rm -rf "$work"' EXIT
sed -e "s#@CORE@#$bin/CostDsl.Core.dll#" -e "s#@SPRACHE@#$sprache#" "$here/allocations.fsx" >"$work/allocations.fsx"
dotnet fsi --quiet "$work/allocations.fsx"
