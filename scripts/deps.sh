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

# ensure_web_build : builds the web app (web/ → web/dist, served at /) when the build is missing or older than any
# of its sources; `npm ci` first when web/node_modules is missing or older than package-lock.json. Quiet when current.
ensure_web_build() {
  [ -f web/package.json ] || return 0
  if ! command -v npm >/dev/null; then
    echo "npm is missing: the web app is not built (the server shows how to build it at /)." >&2
    return 0
  fi
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then
    echo "Installing the web app's npm packages (npm ci)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && touch web/node_modules || return 1
  fi
  if [ -f web/dist/index.html ] && [ -z "$(find web/index.html web/app web/studio web/sdk/src web/package.json web/package-lock.json web/tsconfig.json web/vite.config.ts -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "Building the web app (web/dist)"
  (cd web && npx tsc --noEmit && npx vite build --logLevel error) || { echo "web app build failed" >&2; return 1; }
  touch web/dist/index.html
}
