#!/usr/bin/env bash
# Issue 18's 100,000 outputs (`output oI = I GB`) phase by phase, in process: bytes allocated and time per
# phase and per output (parse; assemble, which parses again; check; advice; bound; evaluate; JSON).
# Allocation is the figure to watch on a shared machine; for wall and CPU time of the real tool use run.sh.
#
#   bench/hostile/phases.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dotnet build "$repo/src/CostDsl.Core" -c Release -v quiet -nologo >/dev/null
bin="$repo/src/CostDsl.Core/bin/Release/net10.0"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
sprache="$(find "$packages/sprache" -name Sprache.dll -path '*netstandard2.1*' | sort | tail -n 1)"
tensors="$(find "$packages/system.numerics.tensors" -name System.Numerics.Tensors.dll -path '*lib/net10.0*' | sort | tail -n 1)"
newtonsoft="$(find "$packages/newtonsoft.json" -name Newtonsoft.Json.dll -path '*lib/net6.0*' | sort | tail -n 1)"
work="$(mktemp -d -t costdsl-phases-XXXXXX)"
trap 'rm -rf "$work"' EXIT
sed -e "s#@CORE@#$bin/CostDsl.Core.dll#" -e "s#@SPRACHE@#$sprache#" -e "s#@TENSORS@#$tensors#" -e "s#@NEWTONSOFT@#$newtonsoft#" "$here/phases.fsx" >"$work/phases.fsx"
dotnet fsi --quiet "$work/phases.fsx"
