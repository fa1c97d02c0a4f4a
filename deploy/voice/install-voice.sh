#!/usr/bin/env bash
# Installs voice recognition on a courtyard kiosk (docs/voice.md):
#   - the Vosk Mandarin model vosk-model-small-cn-0.22, checked against its SHA-256;
#   - on aarch64 (Raspberry Pi 4/5): libvosk.so from Vosk's Linux aarch64 release, checked the same
#     way, and libatomic1, which it needs (the Maven jar carries libvosk only for x86-64);
#   - then checks that the kiosk can load both: java -cp courtyard-kiosk.jar ...VoiceCheck MODEL_DIR.
# Idempotent: what is installed and matches its checksum is kept; run it again after a failure.
# Without internet (a village), copy the two zip files on a USB stick and pass --model-zip/--lib-zip.
#
# Usage: sudo deploy/voice/install-voice.sh [--prefix DIR] [--jar FILE] [--model-zip FILE]
#                                           [--lib-zip FILE] [--no-check]
# Exit codes: 0 installed and checked; 1 the check failed; 2 bad arguments or missing tools;
#             3 a checksum did not match (nothing was installed from that file).
set -euo pipefail

VOSK_VERSION=0.3.45
MODEL_NAME=vosk-model-small-cn-0.22
MODEL_URL="https://alphacephei.com/vosk/models/${MODEL_NAME}.zip"
# SHA-256 of vosk-model-small-cn-0.22.zip. The model list at https://alphacephei.com/vosk/models
# gives name, size, error rate and licence; we found no checksum published there. This value is the
# one pinned for the same URL by other projects' installers; it could not be re-computed from the
# build machine (no internet). Before the first rollout, download the zip once on a connected PC,
# run sha256sum on it and compare; to install a newer file on purpose, set VOSK_MODEL_SHA256.
MODEL_SHA256="${VOSK_MODEL_SHA256:-3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba}"
LIB_NAME="vosk-linux-aarch64-${VOSK_VERSION}"
LIB_URL="https://github.com/alphacep/vosk-api/releases/download/v${VOSK_VERSION}/${LIB_NAME}.zip"
# SHA-256 of vosk-linux-aarch64-0.3.45.zip, the asset of the v0.3.45 release on GitHub
# (https://github.com/alphacep/vosk-api/releases/tag/v0.3.45), as pinned by Nix packagings of that
# release (sha256-ReWdN3Vd2wdWjnlJfX/rqMA67lqeBx3ymWGqAj/ZRUE= in SRI form). Override with
# VOSK_LIB_SHA256 for another build.
LIB_SHA256="${VOSK_LIB_SHA256:-45e59d37755ddb07568e79497d7feba8c03aee5a9e071df29961aa023fd94541}"

PREFIX=/opt/courtyard
JAR=/opt/courtyard/courtyard-kiosk.jar
LIB_DIR=/usr/local/lib
MODEL_ZIP=""
LIB_ZIP=""
CHECK=1

say() { printf 'install-voice: %s\n' "$*"; }
fail() { local code="$1"; shift; printf 'install-voice: error: %s\n' "$*" >&2; exit "$code"; }

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
    --jar) JAR="${2:?--jar needs the kiosk jar}"; shift 2 ;;
    --model-zip) MODEL_ZIP="${2:?--model-zip needs a file}"; shift 2 ;;
    --lib-zip) LIB_ZIP="${2:?--lib-zip needs a file}"; shift 2 ;;
    --no-check) CHECK=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail 2 "unknown argument '$1'" ;;
  esac
done

ARCH="$(uname -m)"
case "$ARCH" in
  aarch64|arm64) NEED_LIB=1 ;;
  x86_64|amd64) NEED_LIB=0 ;;
  *) fail 2 "this machine is $ARCH; Vosk ${VOSK_VERSION} is installed here for aarch64 (Raspberry Pi) and x86-64 only" ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

apt_install() {
  if [[ "$(id -u)" -ne 0 ]]; then
    fail 2 "$* is missing and installing it needs root: run with sudo, or apt-get install $*"
  fi
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
}

for tool in unzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || apt_install "$( [[ $tool == sha256sum ]] && echo coreutils || echo "$tool" )"
done

# fetch URL FILE: downloads URL to FILE (curl or wget).
fetch() {
  say "downloading $1"
  if command -v curl >/dev/null 2>&1; then
    curl --fail --location --silent --show-error --retry 3 --output "$2" "$1" \
      || fail 2 "cannot download $1 (no internet? copy the file and use --model-zip/--lib-zip)"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --tries=3 --output-document="$2" "$1" \
      || fail 2 "cannot download $1 (no internet? copy the file and use --model-zip/--lib-zip)"
  else
    fail 2 "neither curl nor wget is installed to download $1"
  fi
}

# verify FILE SHA256: fails with exit code 3, naming both checksums, when they differ.
verify() {
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$actual" != "$2" ]]; then
    fail 3 "checksum mismatch for $1: expected SHA-256 $2, got $actual. The file is damaged or not the" \
      "published one; nothing was installed from it. Download it again, or set the expected checksum" \
      "(VOSK_MODEL_SHA256 / VOSK_LIB_SHA256) only if you have checked the file yourself."
  fi
  say "checksum ok: $(basename "$1")"
}

install_model() {
  local target="$PREFIX/$MODEL_NAME" marker
  marker="$target/.sha256"
  if [[ -f "$marker" && "$(cat "$marker")" == "$MODEL_SHA256" && -f "$target/am/final.mdl" ]]; then
    say "model already installed: $target"
    return
  fi
  local zip="$WORK/$MODEL_NAME.zip"
  if [[ -n "$MODEL_ZIP" ]]; then
    [[ -f "$MODEL_ZIP" ]] || fail 2 "--model-zip $MODEL_ZIP does not exist"
    zip="$MODEL_ZIP"
  else
    fetch "$MODEL_URL" "$zip"
  fi
  verify "$zip" "$MODEL_SHA256"
  unzip -q "$zip" -d "$WORK/model"
  [[ -f "$WORK/model/$MODEL_NAME/am/final.mdl" ]] \
    || fail 1 "$(basename "$zip") does not hold $MODEL_NAME/am/final.mdl; is it the right file?"
  printf '%s\n' "$MODEL_SHA256" > "$WORK/model/$MODEL_NAME/.sha256"
  mkdir -p "$PREFIX"
  # Swap in the new folder whole, so that a kiosk never sees half a model.
  rm -rf "$target.new" "$target.old"
  mv "$WORK/model/$MODEL_NAME" "$target.new"
  if [[ -d "$target" ]]; then mv "$target" "$target.old"; fi
  mv "$target.new" "$target"
  rm -rf "$target.old"
  say "model installed: $target"
}

install_library() {
  if [[ "$NEED_LIB" -eq 0 ]]; then
    say "$ARCH: the kiosk jar carries libvosk.so for this machine; nothing to install"
    return
  fi
  dpkg -s libatomic1 >/dev/null 2>&1 || apt_install libatomic1
  local marker="$LIB_DIR/.libvosk-${VOSK_VERSION}.sha256"
  if [[ -f "$LIB_DIR/libvosk.so" && -f "$marker" && "$(cat "$marker")" == "$LIB_SHA256" ]]; then
    say "libvosk.so ${VOSK_VERSION} already installed in $LIB_DIR"
    return
  fi
  [[ "$(id -u)" -eq 0 ]] || fail 2 "installing libvosk.so into $LIB_DIR needs root: run with sudo"
  local zip="$WORK/$LIB_NAME.zip"
  if [[ -n "$LIB_ZIP" ]]; then
    [[ -f "$LIB_ZIP" ]] || fail 2 "--lib-zip $LIB_ZIP does not exist"
    zip="$LIB_ZIP"
  else
    fetch "$LIB_URL" "$zip"
  fi
  verify "$zip" "$LIB_SHA256"
  unzip -q "$zip" -d "$WORK/lib"
  [[ -f "$WORK/lib/$LIB_NAME/libvosk.so" ]] || fail 1 "$(basename "$zip") does not hold $LIB_NAME/libvosk.so"
  install -m 0644 "$WORK/lib/$LIB_NAME/libvosk.so" "$LIB_DIR/libvosk.so"
  printf '%s\n' "$LIB_SHA256" > "$marker"
  ldconfig
  say "libvosk.so ${VOSK_VERSION} installed in $LIB_DIR"
}

check() {
  if [[ "$CHECK" -eq 0 ]]; then
    say "not checked (--no-check)"
    return
  fi
  command -v java >/dev/null 2>&1 || fail 1 "java is not installed, so the check cannot run; install Java 17 and run again"
  [[ -f "$JAR" ]] || fail 1 "the kiosk jar $JAR is missing; give it with --jar, or use --no-check"
  say "checking that the kiosk loads the library and the model"
  if ! java -Djna.library.path="$LIB_DIR" -cp "$JAR" org.courtyard.kiosk.voice.VoiceCheck "$PREFIX/$MODEL_NAME"; then
    fail 1 "the kiosk cannot load voice recognition (see the lines above)"
  fi
}

install_model
install_library
check
say "done. In the kiosk's config file: voice-model=$PREFIX/$MODEL_NAME"
