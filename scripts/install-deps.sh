#!/usr/bin/env bash
# Installs the Debian packages that Outbreak's build, tests and benchmarks need, and only those
# that are missing. Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config
  # libraries
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  libcli11-dev libspdlog-dev libfmt-dev libsodium-dev
  # flows for the deployment planner (LEMON: Preflow and NetworkSimplex, header-only)
  liblemon-dev
  # LP and MIP: COIN-OR CLP (supply distribution with side constraints), CBC (guidance teams)
  coinor-libcbc-dev coinor-libclp-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 postgresql-15 clang-format
  # sanitizer and fuzz runs (make sanitize, make fuzz): clang with its runtimes and libFuzzer
  clang libclang-rt-14-dev
  # load benchmarks of the API
  wrk nginx-light jq
  # the browser tests of the command-centre page (and Korean names in their screenshots)
  chromium fonts-noto-cjk
)

# Node.js and npm bundle the command-centre page. Debian's nodejs is 18 and its npm a package of
# its own; a newer nodejs from elsewhere bundles npm and conflicts with Debian's. So: the
# packages only where the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
