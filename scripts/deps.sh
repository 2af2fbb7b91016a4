# Shared by scripts/run and scripts/test: idempotent, quiet installs.
# shellcheck shell=bash

# ensure_apt PKG... : installs the Debian packages that are missing (apt-get update once).
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_npm DIR : installs DIR's package.json dependencies when node_modules is missing or stale.
ensure_npm() {
  local dir="$1"
  [ -f "$dir/package.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ]; then
    echo "Installing npm packages in $dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null) && touch "$dir/node_modules"
  fi
}
