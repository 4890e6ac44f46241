#!/usr/bin/env bash
# `npm run setup`: installs the system tools the tests drive for real, on Debian or Ubuntu, when
# they are missing. Safe to run again: it installs nothing that is already there, and prints one
# line either way. Needs root, or sudo for the apt-get steps.
#
#   tmux              the interactive questionnaire in a real terminal (test/e2e)
#   openssh-client    ssh-keygen: signed summaries checked by the real tool
#   jq                the README's recipe that rebuilds the signed bytes
#   chromium          the HTML report and slide deck opened in a headless browser (/usr/bin/chromium)
#   binutils          strip, for the standalone executable (npm run build:bin)
#   wine64            the Windows executable under Wine (scripts/ci-smoke.sh)
#   util-linux, bsdutils   unshare and script (normally already there)
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have tmux || need+=(tmux)
have ssh-keygen || need+=(openssh-client)
have jq || need+=(jq)
# Debian's chromium package; the tests look for /usr/bin/chromium (Ubuntu's is a snap, see below).
[ -x /usr/bin/chromium ] || need+=(chromium)
have strip || need+=(binutils)
# Debian's wine64 puts its loader outside PATH; dpkg knows whether it is installed.
if ! have wine64 && ! dpkg -s wine64 >/dev/null 2>&1; then need+=(wine64); fi
have unshare || need+=(util-linux)
have script || need+=(bsdutils)

if [ "${#need[@]}" -eq 0 ]; then
  echo "setup: system tools present (tmux, ssh-keygen, jq, chromium, strip, wine64)"
  exit 0
fi

if ! have apt-get; then
  echo "setup: not a Debian or Ubuntu machine; please install: ${need[*]}" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! have sudo; then
    echo "setup: need root or sudo to install: ${need[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "setup: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
if [ ! -x /usr/bin/chromium ]; then
  # Ubuntu ships Chromium only as a snap, which does not run in containers: use Debian's package
  # or point the tests at another build by linking it to /usr/bin/chromium.
  echo "setup: /usr/bin/chromium is still missing (Ubuntu packages Chromium as a snap); install Debian's chromium or link a Chromium build there" >&2
  exit 1
fi
echo "setup: done"
