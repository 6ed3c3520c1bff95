#!/usr/bin/env bash
# Measures `costdsl batch` against one `costdsl eval` process per file.
#
#   bench/batch/run.sh [N...]        e.g. bench/batch/run.sh 1000 10000
#
# For each N: generates N specs that import the bundled catalogs (std/hardware/nvidia.cost and
# std/models/llama.cost) into a temporary folder, runs `costdsl batch` once on a fresh output folder
# under /usr/bin/time -v, and reports wall time, files per second and peak RSS. Then it times
# EVAL_SAMPLE (default 50) `costdsl eval` processes and extrapolates that to N (stated as such).
# PARALLEL (default: the processor count) is passed to --parallel; COSTDSL=path runs that costdsl instead.
#   bench/batch/run.sh chain [N]     a chain of N specs, each importing the one before (default 3000):
#                                    the first batch, a no-op re-run, the size of index.json and stamps
#   bench/batch/run.sh shards [N]    N specs (default 10000) in one batch, and in 4 shards one after
#                                    another and a merge: the CPU seconds (user+sys) of each, REPEAT
#                                    (default 5) times in alternating order, the median ratio and the
#                                    ratio of the sums
#   bench/batch/run.sh compare A B [N]  the CPU seconds of a batch of N specs (default 1000) by the costdsl
#                                    A and by B, alternately, REPEAT (default 8) times each, and the medians:
#                                    on a shared machine one run's CPU time swings by a tenth, a change's effect
#                                    often less
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
counts=("${@:-1000}")
eval_sample="${EVAL_SAMPLE:-50}"
parallel="${PARALLEL:-$(nproc)}"
work="$(mktemp -d -t costdsl-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# COSTDSL=path measures that binary (the Native AOT one of bench/aot, say) instead of building the portable one.
cli="${COSTDSL:-}"
if [ -z "$cli" ]; then
  dotnet build "$repo/src/CostDsl.Cli" -c Release -v quiet -nologo >/dev/null
  cli="$repo/src/CostDsl.Cli/bin/Release/net10.0/costdsl"
fi

cputime() { # cputime COMMAND... ; prints "wall_seconds cpu_seconds"
  /usr/bin/time -f "%e %U %S" -o "$work/cpu" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/cpu"
}

generate() { # generate N FOLDER
  local n="$1" dir="$2"
  python3 - "$n" "$dir" <<'PY'
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
models = ["Llama2_7B", "Llama2_13B", "Llama2_70B"]
for i in range(n):
    folder = os.path.join(root, f"team{i % 20:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"spec{i:05d}.cost"), "w") as f:
        f.write(f'''import "std/hardware/nvidia.cost"
import "std/models/llama.cost"

workload chat {{ users = {100 + i}; interval = 3 s; input = 50 token; output = {500 + i % 1000} token }}

let rps    = chat.users / chat.interval
let gpus   = ceil(rps * inference_flops({models[i % 3]}, chat.input + chat.output) / (A100.int8 * 40%))
let budget = gpus * A100.price
output gpus
output budget in USD
''')
PY
}

measure() { # measure LABEL COMMAND... ; prints "seconds peak_kb"
  shift
  local log="$work/time.log"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  local wall peak
  wall="$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')"
  peak="$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')"
  python3 -c "import sys; p=sys.argv[1].split(':'); s=sum(float(x)*60**i for i,x in enumerate(reversed(p))); print(f'{s:.2f} {sys.argv[2]}')" "$wall" "$peak"
}

if [[ "${1:-}" == chain ]]; then
  n="${2:-3000}"
  mkdir -p "$work/chain"
  python3 - "$n" "$work/chain" <<'PY2'
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
for i in range(n):
    with open(os.path.join(root, f"c{i:05d}.cost"), "w") as f:
        if i:
            f.write(f'import "c{i-1:05d}.cost"\n')
        f.write(f"let v{i} = {i}\noutput o{i} = v{i}\n")
PY2
  read -r wall cpu < <(cputime "$cli" batch --in "$work/chain" --out "$work/chain-out")
  echo "chain N=$n: first batch $wall s wall, $cpu s CPU"
  read -r wall cpu < <(cputime "$cli" batch --in "$work/chain" --out "$work/chain-out")
  echo "chain N=$n: no-op re-run $wall s wall, $cpu s CPU"
  echo "chain N=$n: index.json $(( $(stat -c %s "$work/chain-out/index.json") / 1024 )) KB, .costdsl (stamps and input records) $(du -sk "$work/chain-out/.costdsl" | cut -f1) KB"
  exit 0
fi

if [[ "${1:-}" == compare ]]; then
  one="$2" other="$3" n="${4:-1000}" repeat="${REPEAT:-8}"
  generate "$n" "$work/specs"
  a=() b=()
  for r in $(seq 1 "$repeat"); do
    rm -rf "$work/out"
    read -r _ cpu < <(cputime "$one" batch --in "$work/specs" --out "$work/out" --parallel "$parallel")
    a+=("$cpu")
    rm -rf "$work/out"
    read -r _ cpu < <(cputime "$other" batch --in "$work/specs" --out "$work/out" --parallel "$parallel")
    b+=("$cpu")
  done
  python3 -c "import statistics,sys; a=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; ma,mb=statistics.median(a),statistics.median(b); print(f'N={sys.argv[3]}, --parallel {sys.argv[4]}: A median {ma:.2f} s CPU, B median {mb:.2f} s CPU, B/A {mb/ma:.3f}'); print(f'A {a}'); print(f'B {b}')" "${a[*]}" "${b[*]}" "$n" "$parallel"
  exit 0
fi

if [[ "${1:-}" == shards ]]; then
  n="${2:-10000}"
  repeat="${REPEAT:-5}"
  generate "$n" "$work/specs"
  # One run's CPU seconds swing by a tenth or more on a shared machine (the file system's state, the other
  # processes, the GC's timing), as much as the figure's margin: each repetition measures the unsharded batch
  # and the shards back to back, and the figure is the median of the repetitions' ratios.
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); --parallel $parallel; $repeat repetitions"
  # The order alternates (the unsharded batch first in odd repetitions, the shards first in even ones), so that a
  # machine that speeds up or slows down over a repetition tilts half of them one way and half the other.
  ratios=() whole_sum=0 sharded_sum=0
  whole_batch() {
    read -r wall whole < <(cputime "$cli" batch --in "$work/specs" --out "$work/whole" --parallel "$parallel")
    # A batch whose specs all failed is fast and proves nothing: stop rather than report it.
    python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; sys.exit(f'{t[\"error\"]} specs failed: not a measurement' if t['error'] else 0)" "$work/whole/index.json"
  }
  sharded_batch() {
    parts=0
    for k in 0 1 2 3; do
      read -r _ cpu < <(cputime "$cli" batch --in "$work/specs" --out "$work/part-$k" --shard "$k/4" --parallel "$parallel")
      parts="$(python3 -c "print($parts + $cpu)")"
    done
    read -r _ merge < <(cputime "$cli" merge "$work/part-0" "$work/part-1" "$work/part-2" "$work/part-3" --out "$work/merged")
  }
  for r in $(seq 1 "$repeat"); do
    rm -rf "$work/whole" "$work"/part-* "$work/merged"
    if (( r % 2 )); then whole_batch; sharded_batch; else sharded_batch; whole_batch; fi
    diff -r "$work/whole" "$work/merged" >/dev/null || { echo "merged folder DIFFERS from the unsharded one"; exit 1; }
    ratio="$(python3 -c "print(round(100*($parts+$merge)/$whole))")"
    ratios+=("$ratio")
    whole_sum="$(python3 -c "print($whole_sum + $whole)")"
    sharded_sum="$(python3 -c "print($sharded_sum + $parts + $merge)")"
    echo "repetition $r: unsharded $wall s wall, $whole s CPU; 4 shards $parts s CPU; merge $merge s CPU; $ratio%"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "merged folders byte-identical to the unsharded ones"
  python3 -c "import statistics,sys; r=[int(x) for x in sys.argv[1:]]; print(f'shards + merge: median {statistics.median(r):.0f}% of the unsharded batch\'s CPU time (each: {r})')" "${ratios[@]}"
  python3 -c "import sys; print(f'over all repetitions: shards + merge {float(sys.argv[2]):.2f} s CPU, unsharded {float(sys.argv[1]):.2f} s CPU: {100*float(sys.argv[2])/float(sys.argv[1]):.1f}%')" "$whole_sum" "$sharded_sum"
  exit 0
fi

echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)}') MB; --parallel $parallel"
for n in "${counts[@]}"; do
  specs="$work/specs-$n"
  generate "$n" "$specs"
  read -r seconds peak < <(measure batch "$cli" batch --in "$specs" --out "$work/out-$n" --parallel "$parallel")
  errors="$(python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['totals']; print(t['error']+t['assert-failed'])" "$work/out-$n/index.json")"
  python3 -c "import sys; n,s,p,e=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),sys.argv[4]; print(f'batch  N={n}: {s:.2f} s, {n/s:.0f} files/s, peak RSS {p/1024:.0f} MB, files with errors: {e}')" "$n" "$seconds" "$peak" "$errors"
  rm -rf "$work/out-$n"
done

# One process per file, for a sample, extrapolated.
sample="$work/sample"
generate "$eval_sample" "$sample"
start="$(date +%s.%N)"
peak_eval=0
for f in $(find "$sample" -name '*.cost' | sort); do
  read -r _ peak < <(measure eval "$cli" eval "$f")
  (( peak > peak_eval )) && peak_eval="$peak"
done
end="$(date +%s.%N)"
for n in "${counts[@]}"; do
  python3 -c "import sys; m,t,n,p=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4]); per=t/m; print(f'eval   N={n}: {per*n:.1f} s EXTRAPOLATED from {m} processes ({per*1000:.0f} ms each, {1/per:.1f} files/s), peak RSS per process {p/1024:.0f} MB')" "$eval_sample" "$(python3 -c "print($end-$start)")" "$n" "$peak_eval"
done
