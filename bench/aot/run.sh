#!/usr/bin/env bash
# Cold-start and whole-process benchmark of the Native AOT costdsl against the portable build.
#
#   bench/aot/run.sh            (RUNS=N hyperfine runs per command, default 15; AOT_BIN=path skips the publish)
#
# 1. `costdsl eval examples/chat.cost`, cold, each run a new process: AOT, portable (apphost + JIT),
#    and a bare hello-world on the same runtime (the floor of any JIT-ed .NET process).
# 2. The 1,000,000-sample Monte Carlo workload of src/CostDsl.Benchmarks (UncertaintyWorkload) as a
#    whole process: AOT and portable costdsl, against the hand-written loop (bench/aot/floor) as a process.
# Needs hyperfine (apt-get install hyperfine) and, for the publish, src/CostDsl.Cli/aot/install-prereqs.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${RUNS:-15}"
work="$(mktemp -d -t costdsl-aot-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }

dotnet build "$repo/src/CostDsl.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/hello" -c Release -v quiet -nologo -o "$work/hello" >/dev/null
dotnet build "$here/floor" -c Release -v quiet -nologo -o "$work/floor" >/dev/null
portable="$repo/src/CostDsl.Cli/bin/Release/net10.0/costdsl"
aot="${AOT_BIN:-}"
if [ -z "$aot" ]; then
  dotnet publish "$repo/src/CostDsl.Cli" -c Release -r linux-x64 -v quiet -nologo -o "$work/aot" >/dev/null
  aot="$work/aot/costdsl"
fi

# The workload is the one the in-process benchmark runs: taken from UncertaintyWorkload.MonteCarloSpec
# (a C# raw string, dedented), so the two never drift apart.
python3 - "$repo/src/CostDsl.Benchmarks/UncertaintyWorkload.cs" "$work/mc.cost" <<'PY'
import sys, textwrap
source = open(sys.argv[1]).read()
start = source.index('MonteCarloSpec = """') + len('MonteCarloSpec = """')
body = source[start:source.index('"""', start)]
open(sys.argv[2], "w").write(textwrap.dedent(body).strip("\n") + "\n")
PY

cd "$repo"
echo "== cold eval examples/chat.cost (exit 1 expected: its assert fails) =="
hyperfine -N -i --warmup 3 --runs "$runs" --export-markdown "$work/cold.md" --export-json "$work/cold.json" \
  -n aot "$aot eval examples/chat.cost" \
  -n portable "$portable eval examples/chat.cost" \
  -n hello-world "$work/hello/Hello"
# Page faults per cold run: on this shared VM each first touch of a page costs tens of microseconds and
# the count barely moves with the load, so it shows a start-up change when wall times are too noisy to.
if command -v perf >/dev/null; then
  echo "== page faults and CPU per cold run (perf stat, mean of $runs) =="
  for name in aot portable hello-world; do
    case "$name" in
      aot) set -- "$aot" eval examples/chat.cost ;;
      portable) set -- "$portable" eval examples/chat.cost ;;
      hello-world) set -- "$work/hello/Hello" ;;
    esac
    perf stat -x, -o "$work/stat" -e page-faults,task-clock -r "$runs" "$@" >/dev/null 2>&1 || true
    awk -F, -v n="$name" '
      $3 == "page-faults" { faults = $1 } $3 == "task-clock" { cpu = $1 }
      END { printf "%-20s page faults %8.0f   task-clock %8.1f ms\n", n, faults, cpu }' "$work/stat"
  done
fi
echo "== 1,000,000-sample Monte Carlo, whole process =="
hyperfine -N --warmup 1 --runs "$(( runs < 5 ? runs : 5 ))" --export-markdown "$work/mc.md" --export-json "$work/mc.json" \
  -n aot "$aot eval $work/mc.cost --samples 1000000" \
  -n portable "$portable eval $work/mc.cost --samples 1000000" \
  -n hand-written-floor "$work/floor/Floor"
cat "$work/cold.md" "$work/mc.md"
# Medians, and CPU time (user + system), which a shared machine disturbs far less than wall time.
python3 - "$work/cold.json" "$work/mc.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:<20} median {r['median']*1000:10.1f} ms   cpu {(r['user'] + r['system'])*1000:10.1f} ms")
PY
