#!/usr/bin/env bash
# Installs what integrasim needs from Debian packages (only what is missing), then
# configures and builds it in build/. Safe to run again: it changes nothing that is
# already in place. Environment:
#   INTEGRASIM_BUILD_DIR  build folder (default: build)
#   INTEGRASIM_WERROR=ON  treat compiler warnings as errors (CI sets this)
#   INTEGRASIM_EXTRA_PACKAGES  more Debian packages to install (e.g. "clang libclang-rt-14-dev")
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make g++ pkg-config clang-format
  libeigen3-dev libboost-random-dev librandom123-dev libfccp-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libxlsxwriter-dev zlib1g-dev libgtest-dev libbenchmark-dev strace
  libjs-chart.js chromium  # report.html embeds Chart.js at build time; its test opens it in Chromium
  openmpi-bin libopenmpi-dev python3  # mpirun across processes (INTEGRASIM_MPI); the MPI test is Python
  ${INTEGRASIM_EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${INTEGRASIM_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
  -DINTEGRASIM_WERROR="${INTEGRASIM_WERROR:-OFF}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
