#!/usr/bin/env bash
# Packs costdsl as a RID-specific .NET tool into OUT (default ./out):
#   CostDsl.Tool.<v>.nupkg            the pointer package `dotnet tool install` reads first
#   CostDsl.Tool.linux-x64.<v>.nupkg  the Native AOT build (needs clang + zlib: install-prereqs.sh)
#   CostDsl.Tool.any.<v>.nupkg        the portable build, for every other platform with the .NET runtime
# Then: dotnet tool install -g CostDsl.Tool --add-source OUT
set -euo pipefail
out=$(realpath -m "${1:-out}")
project="$(dirname "$0")/.."
dotnet pack "$project" -c Release -p:AotTool=true -o "$out"
dotnet pack "$project" -c Release -p:AotTool=true -r linux-x64 -o "$out"
dotnet pack "$project" -c Release -p:AotTool=true -r any -o "$out"
ls -1 "$out"
