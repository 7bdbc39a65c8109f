#!/usr/bin/env bash
# Installs the Debian tools the metrics and status-page tests drive for real:
# prometheus (which also ships promtool) and chromium. Does nothing when both are present.
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool   >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium   >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-tools: prometheus, promtool and chromium already present"
  exit 0
fi

# Unique package names, in order.
packages=$(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | tr '\n' ' ')
echo "install-test-tools: installing ${packages}"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
# shellcheck disable=SC2086
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends ${packages}

# The Debian package starts a prometheus service on :9090 where an init system runs; the tests start
# their own on free loopback ports, so a stray service is stopped rather than left scraping nothing.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  "${sudo_cmd[@]}" systemctl stop prometheus || true
fi

prometheus --version 2>&1 | head -1
promtool --version 2>&1 | head -1
chromium --version
