#!/usr/bin/env bash
# Issue 16/18: did-you-mean must scale linearly. Each case is generated into a temporary folder and
# `costdsl check` is timed once (wall seconds, peak RSS). Target: each under 2 s (before: 10,000
# unknown names 18.5 s, a 100,000-character misspelt identifier 25 s).
#
#   bench/hints/run.sh                       # builds the Release CLI first
#   COSTDSL=path/to/costdsl bench/hints/run.sh   # times that build instead
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d -t costdsl-hints-XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${COSTDSL:-}" ]]; then
  dotnet build "$repo/src/CostDsl.Cli" -c Release -v quiet -nologo >/dev/null
  COSTDSL="$repo/src/CostDsl.Cli/bin/Release/net10.0/costdsl"
fi

# Wall time depends on what else the machine runs; the CPU seconds (user + system) are printed too.
measure() { # measure NAME FILE : wall and CPU seconds, peak RSS, exit code and the number of suggestions made
  local name="$1" file="$2" exit=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" timeout 120 "$COSTDSL" check "$file" >/dev/null 2>"$work/err" || exit=$?
  read -r seconds kb user system < <(tail -n 1 "$work/time") || true
  printf "%-44s %6s s wall %6s s CPU %5s MB  exit %s  %5s hints\n" "$name" "${seconds:-?}" "$(echo "${user:-0} + ${system:-0}" | bc)" "$(( ${kb:-0} / 1024 ))" "$exit" "$(grep -c 'did you mean\|add import' "$work/err" || true)"
}

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
def write(name, text):
    with open(os.path.join(work, name), "w") as f:
        f.write(text)
# 10,000 lets and 10,000 unknown names one edit from them (each gets a suggestion).
write("near.cost", "".join(f"let known{i} = {i}\n" for i in range(10_000))
      + "".join(f"output u{i} = knwn{i} + 1\n" for i in range(10_000)))
# 10,000 lets and 10,000 unknown names of the same length and alphabet, far from all of them.
write("far.cost", "".join(f"let v{i:05d} = {i}\n" for i in range(10_000))
      + "".join(f"output u{i} = w{i:05d}z + 1\n" for i in range(10_000)))
# One unknown name used 10,000 times (answered once).
write("repeated.cost", "let gpus_needed = 3\n" + "".join(f"output u{i} = gpus_neded + {i}\n" for i in range(10_000)))
# 10,000 uses of catalog names without their import.
write("imports.cost", "".join(f"output u{i} = {'H100_SXM' if i % 2 else 'H100'}.bf16 * {i}\n" for i in range(10_000)))
# A 100,000-character identifier, misspelt in its last character.
write("misspelt.cost", "let " + "a" * 100_000 + " = 1\noutput x = " + "a" * 99_999 + "b\n")
PY

measure "10,000 unknown names near 10,000 lets" "$work/near.cost"
measure "10,000 unknown names far from 10,000 lets" "$work/far.cost"
measure "one misspelling used 10,000 times" "$work/repeated.cost"
measure "10,000 catalog names without import" "$work/imports.cost"
measure "100,000-character misspelt identifier" "$work/misspelt.cost"
