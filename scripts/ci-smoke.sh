#!/usr/bin/env bash
# End-to-end smoke test of what users run, as they run it:
#
#   1. the standalone executable (npm run build:bin → release/selfcheck), copied into an empty
#      folder, run from another temporary folder with PATH holding only that folder: no Node,
#      no node_modules, nothing else;
#   2. on Linux x64, the Windows executable (release/selfcheck-win-x64.exe) under Wine, in a
#      fresh Windows 10 prefix: --version, validate, scripted runs (every section checked),
#      keygen, run --export, verify (and the Linux executable verifies what it signed);
#   3. the npm CLI (bin/selfcheck.js, built by npm run build) on the machine's Node and on Node 22
#      and Node 24 from the npm registry (package node-<platform>-<arch>), each with PATH holding
#      only a folder with `selfcheck` in it and that Node's own folder.
#
# Each run: --version, --help, validate, show, test, coverage, a scripted run (pass, and fail
# with exit 1), run without a terminal (exit 2), keygen, run --export, verify (and a tampered
# copy, exit 1), report, init, validate/test/diff on the new bank; for the executable also the unpacked
# bank (a private 0700 folder, reused on the next start, byte for byte the repository's bank),
# and Ctrl-C at a question (exit 130, when tmux is installed). Prints every check; exits 1 if any
# failed. Self-contained: it builds what it tests. Usage: scripts/ci-smoke.sh [--skip-build]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HOST_NODE="$(command -v node)"
TMUX_BIN="$(command -v tmux || true)"
VERSION="$("$HOST_NODE" -p 'require("./package.json").version')"
case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "ci-smoke: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=darwin ;;
  *) echo "ci-smoke: unsupported system $(uname -s)" >&2; exit 2 ;;
esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/selfcheck-smoke.XXXXXX")"
WINE=""
WINE_PREFIX=""
cleanup() {
  if [ -n "$TMUX_BIN" ]; then "$TMUX_BIN" -L selfcheck-smoke kill-server >/dev/null 2>&1 || true; fi
  # Wine's server for our prefix outlives the programs by a few seconds: stop it, then remove.
  if [ -n "$WINE_PREFIX" ] && [ -x "$(dirname "$WINE")/wineserver" ]; then
    WINEPREFIX="$WINE_PREFIX" "$(dirname "$WINE")/wineserver" -k >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

failures=()
pass() { printf '  ok    %s\n' "$1"; }
fail() {
  printf '  FAIL  %s\n' "$1"
  failures+=("[$LABEL] $1")
}

# ---------------------------------------------------------------------------------------------
# Build.
if [ "${1:-}" != "--skip-build" ]; then
  echo "== build: npm run build, npm run build:bin"
  npm run build --silent
  npm run build:bin --silent
fi
[ -x release/selfcheck ] || { echo "ci-smoke: release/selfcheck is missing" >&2; exit 2; }
[ -f dist/bundle/selfcheck.js ] || { echo "ci-smoke: dist/bundle is missing" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# Helpers. `sc ARGS...` runs selfcheck in $CASE with a bare environment: PATH=$SC_PATH only.
# Its exit code goes to $code, its output to $CASE/out and $CASE/err.
sc() {
  set +e
  (cd "$CASE" && /usr/bin/env -i PATH="$SC_PATH" HOME="$CASE/home" TMPDIR="$CASE/tmp" NO_COLOR=1 \
    LANG=C.UTF-8 selfcheck "$@" </dev/null >"$CASE/out" 2>"$CASE/err")
  code=$?
  set -e
}

# expect CODE DESCRIPTION ARGS...: runs selfcheck ARGS and checks the exit code.
expect() { expect_from sc "$@"; }

# expect_from RUNNER CODE DESCRIPTION ARGS...: runs RUNNER ARGS (sc, or wsc under Wine) and
# checks the exit code.
expect_from() {
  local runner="$1" want="$2" what="$3"
  shift 3
  "$runner" "$@"
  if [ "$code" = "$want" ]; then
    pass "$what (exit $code)"
    return 0
  fi
  fail "$what: exit $code, expected $want"
  sed 's/^/        | /' "$CASE/err" | tail -n 8
  return 1
}

# has TEXT DESCRIPTION: the last command's stdout contains TEXT.
has() {
  if grep -qF -- "$1" "$CASE/out"; then pass "$2"; else fail "$2: output lacks \"$1\""; fi
}

# ---------------------------------------------------------------------------------------------
# The smoke itself, for one way of running selfcheck.
smoke() {
  LABEL="$1"
  SC_PATH="$2"
  CASE="$WORK/case-$LABEL"
  mkdir -p "$CASE/home" "$CASE/tmp"
  chmod 700 "$CASE/tmp"
  echo "== $LABEL: PATH=$SC_PATH"

  if /usr/bin/env -i PATH="$SC_PATH" /bin/sh -c 'command -v selfcheck' >/dev/null; then
    pass "selfcheck is on PATH"
  else
    fail "selfcheck is not on PATH"
    return
  fi

  expect 0 "--version" --version && has "$VERSION" "--version prints $VERSION"
  expect 0 "--help" --help && has "Usage: selfcheck" "--help prints the usage"
  expect 0 "validate (default bank)" validate && has "valid: wajs-social-media" "validate names the default bank"
  expect 0 "show --json" show --json && has '"wajs-social-media"' "show --json has the bank id"
  cp "$CASE/out" "$CASE/bank.json"
  expect 0 "test (the bank's scenarios)" test && has " 0 failed" "every scenario passed"
  expect 0 "coverage --min 100" coverage --min 100 || true

  # Answers files from show --json: every keyed answer, and one critical question missed.
  "$HOST_NODE" -e '
    const fs = require("fs");
    const bank = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const answers = {};
    for (const s of bank.sections) for (const q of s.questions) {
      const keyed = q.options.filter((o) => o.correct).map((o) => o.id);
      answers[q.id] = q.type === "multi" ? keyed : keyed[0];
    }
    fs.writeFileSync(process.argv[2], JSON.stringify(answers));
    answers["safeguarding-current-pupil-request"] = "accept";
    fs.writeFileSync(process.argv[3], JSON.stringify(answers));
  ' "$CASE/bank.json" "$CASE/answers.json" "$CASE/wrong.json"

  if expect 0 "run --answers --json (all correct)" run --answers answers.json --role teacher --name "Smoke Test" --seed 1 --json; then
    if "$HOST_NODE" -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.exit(r.overall.result === "pass" && r.seed === 1 ? 0 : 1)' "$CASE/out"; then
      pass "run --json: overall pass, seed 1"
    else
      fail "run --json: not an overall pass"
    fi
  fi
  expect 1 "run --answers (a critical miss fails)" run --answers wrong.json --role teacher --name "Smoke Test" &&
    has "Safeguarding children (FAIL)" "the failed section is named"
  expect 2 "run without a terminal or --answers" run --name "Smoke Test" --role teacher || true

  if expect 0 "keygen" keygen -f smoke.key --principal smoke@example.invalid --no-passphrase; then
    [ "$(stat -c %a "$CASE/smoke.key" 2>/dev/null || stat -f %Lp "$CASE/smoke.key")" = 600 ] &&
      pass "the private key is mode 0600" || fail "the private key is not mode 0600"
  fi
  printf 'smoke@example.invalid namespaces="selfcheck-summary-v1" %s\n' "$(cat "$CASE/smoke.key.pub")" >"$CASE/allowed_signers"
  expect 0 "run --export --key" run --answers answers.json --role teacher --name "Smoke Test" --seed 1 --export summary.json --key smoke.key || true
  [ -s "$CASE/summary.json" ] && pass "the signed summary was written" || fail "no signed summary"
  expect 0 "verify" verify summary.json --allowed-signers allowed_signers && has "verified" "verify says verified"
  expect 0 "verify --bank (the repository's questions/)" verify summary.json --allowed-signers allowed_signers --bank "$ROOT/questions" || true
  sed 's/"Smoke Test"/"Smoke Tess"/' "$CASE/summary.json" >"$CASE/tampered.json"
  expect 1 "verify a tampered copy" verify tampered.json --allowed-signers allowed_signers || true
  expect 0 "report --format json" report summary.json --allowed-signers allowed_signers --format json &&
    has '"verified": 1' "the report counts the verified summary"

  expect 0 "init" init new-bank || true
  expect 0 "validate --bank new-bank" validate --bank new-bank || true
  expect 0 "test --bank new-bank" test --bank new-bank || true
  expect 0 "diff new-bank new-bank (identical)" diff new-bank new-bank || true
}

# Extra checks for the executable: its unpacked bank, and Ctrl-C.
sea_checks() {
  local dirs
  dirs=("$CASE"/tmp/selfcheck-bank-*)
  if [ "${#dirs[@]}" = 1 ] && [ -d "${dirs[0]}" ]; then
    pass "the bank was unpacked once, to ${dirs[0]#"$CASE"/}"
    [ "$(stat -c %a "${dirs[0]}")" = 700 ] && pass "its folder is mode 0700" || fail "its folder is not mode 0700"
    if diff -r "${dirs[0]}" "$ROOT/questions" >/dev/null; then
      pass "it is byte for byte the repository's questions/"
    else
      fail "it differs from questions/"
    fi
    echo "tampered" >>"${dirs[0]}/policy.txt"
    expect 0 "validate after the unpacked bank was changed" validate || true
    if diff -r "${dirs[0]}" "$ROOT/questions" >/dev/null; then
      pass "a changed unpacked bank is replaced"
    else
      fail "a changed unpacked bank was used"
    fi
  else
    fail "expected one unpacked bank in $CASE/tmp, found: ${dirs[*]}"
  fi

  if [ -z "$TMUX_BIN" ]; then
    echo "  skip  Ctrl-C at a question (tmux is not installed)"
    return
  fi
  local t=selfcheck-smoke
  "$TMUX_BIN" -L $t kill-server >/dev/null 2>&1 || true
  "$TMUX_BIN" -L $t new-session -d -x 120 -y 40 -s smoke \
    "cd '$CASE' && /usr/bin/env -i PATH='$SC_PATH' HOME='$CASE/home' TMPDIR='$CASE/tmp' TERM=xterm-256color LANG=C.UTF-8 selfcheck run --name 'Smoke Test' --role teacher --seed 1; echo \$? > '$CASE/ctrl-c.code'; sleep 30"
  local shown=""
  for _ in $(seq 1 100); do
    if "$TMUX_BIN" -L $t capture-pane -p -t smoke | grep -q "1 of "; then shown=yes; break; fi
    sleep 0.1
  done
  if [ -z "$shown" ]; then
    fail "the first question did not appear in the terminal"
    "$TMUX_BIN" -L $t capture-pane -p -t smoke | sed 's/^/        | /' | tail -n 10
  else
    "$TMUX_BIN" -L $t send-keys -t smoke C-c
    for _ in $(seq 1 100); do [ -s "$CASE/ctrl-c.code" ] && break; sleep 0.1; done
    local got
    got="$(cat "$CASE/ctrl-c.code" 2>/dev/null || echo none)"
    [ "$got" = 130 ] && pass "Ctrl-C at a question exits 130" || fail "Ctrl-C at a question: exit $got, expected 130"
  fi
  "$TMUX_BIN" -L $t kill-server >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------------------------------------
# 1. The standalone executable, alone in a folder.
mkdir -p "$WORK/sea-bin"
cp release/selfcheck "$WORK/sea-bin/selfcheck"
if /usr/bin/env -i PATH="$WORK/sea-bin" /bin/sh -c 'command -v node' >/dev/null; then
  echo "ci-smoke: node is on the bare PATH" >&2
  exit 2
fi
smoke standalone "$WORK/sea-bin"
sea_checks

# ---------------------------------------------------------------------------------------------
# 2. The Windows executable (release/selfcheck-win-x64.exe) under Wine, on a Linux x64 machine.
# Debian's wine64 loader is not on PATH (`dpkg -L wine64` says where it is). A fresh prefix in a
# temporary folder, set to Windows 10. Output always goes to files: under Wine, a pipe as stdout
# fails with EBADF. Interactive prompts cannot be tried here (libuv asserts in Wine's console);
# the double-click flow is tested in-process (test/unit/double-click.test.ts).
wine_loader() {
  local w
  w="$(dpkg -L wine64 2>/dev/null | grep -E '/wine64$' | head -n 1 || true)"
  [ -n "$w" ] && [ -x "$w" ] && { echo "$w"; return; }
  command -v wine64 || true
}

# wsc ARGS...: runs the Windows executable in $CASE under Wine; exit code in $code, output in
# $CASE/out and $CASE/err, as sc does.
wsc() {
  set +e
  (cd "$CASE" && /usr/bin/env -i PATH=/usr/bin:/bin HOME="$CASE/home" WINEPREFIX="$WINE_PREFIX" WINEDEBUG=-all \
    NO_COLOR=1 LANG=C.UTF-8 "$WINE" "$CASE/selfcheck-win-x64.exe" "$@" </dev/null >"$CASE/out" 2>"$CASE/err")
  code=$?
  set -e
}

# wexpect CODE DESCRIPTION ARGS...: as expect, under Wine.
wexpect() { expect_from wsc "$@"; }

windows_smoke() {
  LABEL="windows-x64-wine"
  CASE="$WORK/case-$LABEL"
  mkdir -p "$CASE/home"
  echo "== $LABEL: release/selfcheck-win-x64.exe under Wine"
  WINE="$(wine_loader)"
  if [ -z "$WINE" ]; then
    fail "Wine is not installed (apt-get install wine64): the Windows executable was not tried"
    return
  fi
  local started=$SECONDS
  WINE_PREFIX="$WORK/wine-prefix"
  mkdir -p "$WINE_PREFIX"
  if WINEPREFIX="$WINE_PREFIX" WINEDEBUG=-all "$WINE" winecfg /v win10 >"$WORK/winecfg.log" 2>&1; then
    pass "a fresh Wine prefix in Windows 10 mode ($("$WINE" --version 2>/dev/null || echo wine))"
  else
    fail "winecfg /v win10 failed"
    tail -n 5 "$WORK/winecfg.log" | sed 's/^/        | /'
    return
  fi
  cp release/selfcheck-win-x64.exe "$CASE/"
  cp "$WORK/case-standalone/answers.json" "$WORK/case-standalone/wrong.json" "$CASE/"

  wexpect 0 "--version" --version && has "$VERSION" "--version prints $VERSION"
  wexpect 0 "validate (the embedded bank)" validate && has "valid: wajs-social-media" "validate names the default bank"
  if wexpect 0 "run --answers --json (all correct)" run --answers answers.json --name "Sam Patel" --role teacher --seed 1 --json; then
    if "$HOST_NODE" -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const bad = r.sections.filter((s) => s.result !== "pass").map((s) => `${s.id}: ${s.result}`);
      if (bad.length > 0 || r.sections.length === 0) { console.error(bad.join(", ")); process.exit(1); }
      process.exit(r.overall.result === "pass" && r.seed === 1 ? 0 : 1);
    ' "$CASE/out"; then
      pass "run --json: every section pass ($("$HOST_NODE" -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).sections.length' "$CASE/out") sections), overall pass"
    else
      fail "run --json: not every section passed"
    fi
  fi
  wexpect 1 "run --answers (a critical miss fails)" run --answers wrong.json --name "Sam Patel" --role teacher &&
    has "Safeguarding children (FAIL)" "the failed section is named"
  # Started with no arguments, as Explorer does on a double-click: the questionnaire, and a pause
  # before the window closes. Here input is not a console, so run refuses (exit 2) and the pause
  # ends at the end of input: what proves the Windows build takes the double-click path.
  if wexpect 2 "no arguments (a double-click), without a console" ; then
    has "Press Enter to close this window." "a double-click pauses before the window closes"
    grep -q "terminal" "$CASE/err" && pass "it says why the questionnaire did not start" || fail "no reason given without a console"
  fi
  wexpect 0 "keygen" keygen -f sam.key --principal sam.patel@example.invalid --no-passphrase || true
  printf 'sam.patel@example.invalid namespaces="selfcheck-summary-v1" %s\n' "$(cat "$CASE/sam.key.pub" 2>/dev/null)" >"$CASE/allowed_signers"
  wexpect 0 "run --export --key" run --answers answers.json --name "Sam Patel" --role teacher --seed 1 --export summary.json --key sam.key || true
  [ -s "$CASE/summary.json" ] && pass "the signed summary was written" || fail "no signed summary"
  wexpect 0 "verify" verify summary.json --allowed-signers allowed_signers && has "verified" "verify says verified"
  wexpect 0 "keygen --from-ssh-key (an existing key's allowed_signers line)" keygen --from-ssh-key sam.key.pub --principal sam.patel@example.invalid &&
    has "$(cut -d' ' -f1-2 "$CASE/sam.key.pub")" "it prints the key's allowed_signers line"
  wexpect 0 "run --export (default name)" run --answers answers.json --name "Sam Patel" --role teacher --export --key sam.key || true
  wexpect 0 "run --export again the same day (a retake)" run --answers answers.json --name "Sam Patel" --role teacher --export --key sam.key || true
  if ls "$CASE"/selfcheck-sam-patel-*-2.json >/dev/null 2>&1; then
    pass "the retake went to selfcheck-sam-patel-DATE-2.json"
  else
    fail "no selfcheck-sam-patel-DATE-2.json after a retake"
  fi
  sed 's/"Sam Patel"/"Sam Patel2"/' "$CASE/summary.json" >"$CASE/tampered.json"
  wexpect 1 "verify a tampered copy" verify tampered.json --allowed-signers allowed_signers || true
  # What Windows signs, the Linux build verifies (and OpenSSH would: the same SSHSIG).
  if (cd "$CASE" && "$ROOT/release/selfcheck" verify summary.json --allowed-signers allowed_signers >/dev/null 2>&1); then
    pass "the Linux executable verifies the summary signed on Windows"
  else
    fail "the Linux executable does not verify the summary signed on Windows"
  fi
  echo "  ($((SECONDS - started)) s under Wine)"
}

if [ -f release/selfcheck-win-x64.exe ]; then
  windows_smoke
elif [ "$OS-$ARCH" = linux-x64 ]; then
  LABEL="windows-x64-wine"
  fail "release/selfcheck-win-x64.exe is missing (npm run build:bin builds it on Linux x64)"
fi

# 3. The npm CLI on the machine's Node and on Node 22 and 24 from the registry.
mkdir -p "$WORK/cli-bin"
ln -s "$ROOT/bin/selfcheck.js" "$WORK/cli-bin/selfcheck"

node_from_registry() {
  local major="$1" dir="$WORK/node-$1"
  mkdir -p "$dir"
  (cd "$dir" && npm pack "node-$OS-$ARCH@$major" --silent >/dev/null 2>"$dir/npm.log") || {
    cat "$dir/npm.log" >&2
    return 1
  }
  tar -xzf "$dir"/node-*.tgz -C "$dir" package/bin/node
  rm -f "$dir"/node-*.tgz
  echo "$dir/package/bin"
}

runs=("machine:$(dirname "$HOST_NODE")")
for major in 22 24; do
  echo "== fetching Node $major (node-$OS-$ARCH@$major) from the npm registry"
  if bin="$(node_from_registry "$major")"; then
    runs+=("node$major:$bin")
  else
    LABEL="node$major"
    fail "could not fetch node-$OS-$ARCH@$major"
  fi
done
for entry in "${runs[@]}"; do
  label="${entry%%:*}"
  nodebin="${entry#*:}"
  # The machine's Node folder may hold other tools; give it a folder with only node in it.
  mkdir -p "$WORK/only-$label"
  ln -sf "$nodebin/node" "$WORK/only-$label/node"
  v="$("$nodebin/node" --version)"
  smoke "npm-cli-$label-$v" "$WORK/cli-bin:$WORK/only-$label"
done

echo
if [ "${#failures[@]}" -gt 0 ]; then
  echo "ci-smoke: ${#failures[@]} check(s) failed:"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
echo "ci-smoke: every check passed (standalone executable; Windows executable under Wine; npm CLI on ${#runs[@]} Node versions)"
