#!/usr/bin/env bash
# Issue 18's scaling figures: each case is generated into a temporary folder and timed once with
# /usr/bin/time (wall seconds, peak RSS). Targets: 100,000 outputs, 10,000 unknown names and a batch
# of 3,000 chained imports each under 2 s; the no-op re-run of that batch under 1 s with an index
# under 5 MB; a chain of 20,000 functions under 2 s; the 30-line doubling chain runs at once (its
# calls are shared) and over an uncertain value is refused by the bound (CD0005); a
# 100,000-character misspelt name ends within 10 s.
#
# The figures are user CPU seconds as well as wall and total CPU: on a shared machine only CPU says
# what the spec costs; the load (uptime) is printed before and after. COSTDSL_CLI=path/to/costdsl times
# another build (the AOT one, say) instead of the portable Release build made here.
#
#   bench/hostile/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d -t costdsl-hostile-XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [[ -n "${COSTDSL_CLI:-}" ]]; then
  cli="$COSTDSL_CLI"
else
  dotnet build "$repo/src/CostDsl.Cli" -c Release -v quiet -nologo >/dev/null
  cli="$repo/src/CostDsl.Cli/bin/Release/net10.0/costdsl"
fi
echo "$cli; load before: $(uptime | sed 's/.*load average: //')"

measure() { # measure NAME COMMAND... : prints wall seconds, peak RSS and the exit code
  local name="$1"; shift
  local exit=0
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" timeout 60 "$@" >/dev/null 2>"$work/err" || exit=$?
  read -r seconds user system kb < <(tail -n 1 "$work/time") || true
  # CPU (user + system) beside wall time: on a shared runner the wall clock measures the neighbours too.
  printf '%-34s %8s s wall %8s s user %8s s cpu %8s MB  exit %s\n' "$name" "${seconds:-?}" "${user:-?}" "$(awk "BEGIN { print ${user:-0} + ${system:-0} }")" "$(( ${kb:-0} / 1024 ))" "$exit"
}

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
with open(os.path.join(work, "outputs.cost"), "w") as f:
    for i in range(100_000):
        f.write(f"output o{i} = {i} GB\n")
with open(os.path.join(work, "unknown.cost"), "w") as f:
    for i in range(10_000):
        f.write(f"let known{i} = {i}\n")
    for i in range(10_000):
        f.write(f"output u{i} = unknwn{i} + 1\n")
with open(os.path.join(work, "misspelt.cost"), "w") as f:
    f.write("let " + "a" * 100_000 + " = 1\noutput x = " + "a" * 99_999 + "b\n")
with open(os.path.join(work, "doubling.cost"), "w") as f:
    f.write("fn f0(x) = x + 1\n")
    for i in range(1, 31):
        f.write(f"fn f{i}(x) = f{i-1}(x) + f{i-1}(x)\n")
    f.write("output y = f30(1)\n")
with open(os.path.join(work, "doubling-uncertain.cost"), "w") as f:
    f.write("fn f0(x) = x + 1\n")
    for i in range(1, 31):
        f.write(f"fn f{i}(x) = f{i-1}(x) + f{i-1}(x)\n")
    f.write("output y = f30(1 to 2)\n")
with open(os.path.join(work, "functions.cost"), "w") as f:
    f.write("fn f0(x) = x + 1\n")
    for i in range(1, 20_000):
        f.write(f"fn f{i}(x) = f{i-1}(x) + 1\n")
    f.write("output y = f19999(1)\n")
chain = os.path.join(work, "chain")
os.makedirs(chain)
for i in range(3000):
    with open(os.path.join(chain, f"c{i:04d}.cost"), "w") as f:
        if i:
            f.write(f'import "c{i-1:04d}.cost"\n')
        f.write(f"let v{i} = {i}\noutput o{i} = v{i}\n")
PY

measure "eval, 100,000 outputs" "$cli" eval "$work/outputs.cost"
measure "check, 10,000 unknown names" "$cli" check "$work/unknown.cost"
measure "check, 100,000-char misspelt name" "$cli" check "$work/misspelt.cost"
measure "check, 100,000 outputs" "$cli" check "$work/outputs.cost"
measure "eval, 20,000 chained functions" "$cli" eval "$work/functions.cost"
measure "check, 20,000 chained functions" "$cli" check "$work/functions.cost"
measure "eval, 30-line doubling chain" "$cli" eval "$work/doubling.cost"
measure "check, doubling chain, uncertain" "$cli" check "$work/doubling-uncertain.cost"
measure "batch, 3,000 chained imports" "$cli" batch --in "$work/chain" --out "$work/chain-out"
measure "batch, no-op re-run" "$cli" batch --in "$work/chain" --out "$work/chain-out"
printf '%-34s %8s KB\n' "index.json" "$(( $(stat -c %s "$work/chain-out/index.json") / 1024 ))"
printf '%-34s %8s KB\n' "stamps, all" "$(du -sk "$work/chain-out/.costdsl" | cut -f1)"
echo "load after: $(uptime | sed 's/.*load average: //')"
