#!/usr/bin/env bash
# The web app in a real browser (docs/testing.md, "Browser"): Debian's headless Chromium and its
# chromedriver against the packaged jar on its embedded PostgreSQL. Installs the chromium and
# chromium-driver packages when missing (as root, as in CI), then runs the browser-tests module, whose
# screenshots of each page land in browser-tests/target/screenshots (CI keeps them as artifacts).
# Extra arguments go to Maven (e.g. -Dtest=WebAppBrowserTest).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "browser tests: install ${missing[*]} first (apt-get install chromium chromium-driver)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# -DskipTests skips the modules upstream (tested by ./mvnw -B verify); browser-tests runs its own regardless.
exec ./mvnw -B verify -Pbrowser -pl browser-tests -am -DskipTests "$@"
