#!/usr/bin/env bash
# The native toolchain a Native AOT publish of costdsl needs on Debian/Ubuntu: clang links the
# object file ILCompiler writes, and the runtime links against zlib. Idempotent: does nothing when
# both are there. Run as root (CI is) or with sudo.
set -euo pipefail
if command -v clang >/dev/null 2>&1 && [ -e /usr/include/zlib.h ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends clang zlib1g-dev >/dev/null
