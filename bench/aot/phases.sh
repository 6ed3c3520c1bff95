#!/usr/bin/env bash
# Where a cold `costdsl eval` of the native binary spends its time, by phase, from perf samples
# (no timing code in the product). Needs perf and a published binary with its costdsl.dbg beside it.
#
#   bench/aot/phases.sh AOT_BIN [SPEC] [RUNS]     e.g. bench/aot/phases.sh /tmp/aot/costdsl examples/chat.cost 20
#
# Prints, per phase, its share of all CPU samples of RUNS runs (inclusive: a phase counts what it calls).
set -euo pipefail
bin="${1:?usage: phases.sh AOT_BIN [SPEC] [RUNS]}"
spec="${2:-examples/chat.cost}"
runs="${3:-20}"
command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 2; }
work="$(mktemp -d -t costdsl-phases-XXXXXX)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$runs"); do
  perf record -q -e cpu-clock -F 20000 -g -o "$work/$i.data" "$bin" eval "$spec" >/dev/null 2>&1 || true
done
for i in $(seq 1 "$runs"); do
  perf report -i "$work/$i.data" --children --sort sym -g none --percent-limit 0 2>/dev/null | grep -v '^#' >"$work/$i.txt"
done
python3 - "$work" "$runs" <<'PY'
import sys
phases = [
    ("runtime start: rehydrate/relocate data", ["StartupCodeHelpers__InitializeModules", "_dl_relocate_object"]),
    ("main thread: costdsl's CliApp.Run", ["CostDsl_Cli_CliApp__Run"]),
    ("  of which building the commands", ["System_CommandLine_RootCommand___ctor", "Command__Create"]),
    ("  of which parsing the arguments", ["System_CommandLine_Parsing_CommandLineParser__Parse"]),
    ("engine thread: parse, check, evaluate", ["DeepStack___c__DisplayClass"]),
    ("  load imports and root (assemble)", ["ProgramAssembler__Assemble"]),
    ("    of which parsing", ["Parsing_Parser__ParseFile"]),
    ("    of which precompiled std/ trees", ["PrecompiledLibrary__Find"]),
    ("  check (types, units)", ["Semantics_Checker__Run"]),
    ("  evaluate", ["Runtime_Evaluator__Evaluate", "Evaluator__EvaluateIndependent"]),
    ("write JSON", ["Output_JsonReport__Write"]),
    ("garbage collection", ["WKS::gc_heap::garbage_collect"]),
    ("page faults (kernel)", ["exc_page_fault"]),
]
work, runs = sys.argv[1], int(sys.argv[2])
total = {name: 0.0 for name, _ in phases}
for i in range(1, runs + 1):
    # A phase's share in one run is its outermost frame's inclusive share (the largest), never a sum of nested frames.
    best = {name: 0.0 for name, _ in phases}
    for line in open(f"{work}/{i}.txt"):
        parts = line.split()
        if len(parts) < 4 or not parts[0].endswith("%"):
            continue
        children, symbol = float(parts[0][:-1]), parts[-1]
        for name, keys in phases:
            if any(k in symbol for k in keys):
                best[name] = max(best[name], children)
    for name in best:
        total[name] += best[name]
for name, _ in phases:
    print(f"{name:<45} {total[name] / runs:5.1f} % of CPU samples")
PY
