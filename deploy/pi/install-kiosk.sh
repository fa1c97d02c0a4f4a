#!/usr/bin/env bash
# Turns a fresh 64-bit Raspberry Pi OS (Bookworm or Trixie) into a courtyard kiosk: a Java
# runtime, Chinese fonts, the kiosk jar in /opt/courtyard, its configuration in /etc/courtyard,
# a user `courtyard`, a systemd unit that starts the kiosk full screen at boot (cage on tty7) and
# restarts it on failure, screen blanking off and the hardware watchdog on. docs/deploy-pi.md
# walks through it.
#
# Usage: sudo deploy/pi/install-kiosk.sh [--profile courtyard|home] [--jar FILE] [--dry-run] [-- VOICE OPTIONS...]
#   --profile P  courtyard (default): the touch-screen kiosk; home: a home unit (居家呼叫器), headless,
#                no compositor or fonts, espeak-ng for the resident's name, a plain systemd service
#   --jar FILE   the kiosk jar built for the Pi (default: kiosk/target/courtyard-kiosk.jar of this
#                repository), built with ./mvnw -Djavafx.platform=linux-aarch64 -pl kiosk -am package
#   --dry-run    change nothing on this machine: write the files under $DEPLOY_ROOT (required)
#                and print the commands a real run would make
#   -- ...       options for deploy/voice/install-voice.sh, e.g. -- --model-zip FILE --lib-zip FILE
#
# Running it again changes nothing that is already right: files are written only when their
# content differs, /etc/courtyard/kiosk.properties only when it is missing, packages, the user,
# its groups and the service only when they are missing. The last line says how many changes it
# made. A dry run remembers the commands it "ran" in $DEPLOY_ROOT/.install-kiosk-dry-run so a
# second dry run sees them done, as a second real run would.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
USER_NAME=courtyard
GROUPS_WANTED=(gpio audio video input render)
DATA_DIR=/var/lib/courtyard
PACKAGES_BASE=(fonts-noto-cjk cage xwayland libgtk-3-0 alsa-utils unzip)
# A home unit has no screen: sound, unzip for voice, espeak-ng to speak its resident's name.
PACKAGES_HOME=(alsa-utils unzip espeak-ng)
PROFILE=courtyard

DRY_RUN=0
JAR="$REPO/kiosk/target/courtyard-kiosk.jar"
VOICE_ARGS=()
CHANGES=0
RESTART_KIOSK=0

usage() {
  sed -n '8,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
  echo "install-kiosk: $*" >&2
  exit 1
}

log() {
  echo "install-kiosk: $*"
}

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --profile)
      [[ $# -ge 2 ]] || die "--profile needs courtyard or home"
      case "$2" in
        courtyard|home) PROFILE="$2" ;;
        *) die "--profile must be courtyard or home, was '$2'" ;;
      esac
      shift
      ;;
    --jar)
      [[ $# -ge 2 ]] || die "--jar needs a file"
      JAR="$2"
      shift
      ;;
    -h|--help) usage; exit 0 ;;
    --)
      shift
      VOICE_ARGS=("$@")
      break
      ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
  shift
done

if ((DRY_RUN)); then
  [[ -n "${DEPLOY_ROOT:-}" ]] || die "--dry-run needs DEPLOY_ROOT, the folder to write the files under"
  ROOT="${DEPLOY_ROOT%/}"
  mkdir -p "$ROOT"
  STATE="$ROOT/.install-kiosk-dry-run"
  touch "$STATE"
else
  ROOT="${DEPLOY_ROOT:-}"
  ROOT="${ROOT%/}"
  [[ $EUID -eq 0 ]] || die "run it as root: sudo $0"
  [[ "$(uname -m)" == aarch64 ]] || die "this is $(uname -m), not a 64-bit Raspberry Pi OS (aarch64)"
fi

# --- the two kinds of step ------------------------------------------------------------------

# A change to the system made by a command: run it, or in a dry run print it and remember it.
run() {
  if ((DRY_RUN)); then
    printf 'would run:'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# Whether the step KEY is done. check_cmd asks the real system; a dry run asks its memory.
done_already() {
  local key="$1"
  shift
  if ((DRY_RUN)); then
    grep -qxF -- "$key" "$STATE"
  else
    "$@" >/dev/null 2>&1
  fi
}

remember() {
  if ((DRY_RUN)); then
    echo "$1" >>"$STATE"
  fi
}

changed() {
  CHANGES=$((CHANGES + 1))
  log "changed: $*"
}

# Writes SRC to DEST (under the root) with MODE when the content or mode differs.
put_file() {
  local src="$1" dest="$2" mode="$3"
  local target="$ROOT$dest"
  if [[ -f "$target" ]] && cmp -s "$src" "$target" && [[ "$(stat -c %a "$target")" == "$mode" ]]; then
    return 1
  fi
  mkdir -p "$(dirname "$target")"
  install -m "$mode" "$src" "$target"
  changed "$dest"
  return 0
}

# Writes SRC to DEST only if DEST does not exist: a file the operator edits is theirs.
put_file_once() {
  local src="$1" dest="$2" mode="$3"
  if [[ -e "$ROOT$dest" ]]; then
    return 1
  fi
  put_file "$src" "$dest" "$mode"
}

# --- checks ---------------------------------------------------------------------------------

check_os() {
  local release="$ROOT/etc/os-release" codename=""
  if [[ -r "$release" ]]; then
    codename="$(sed -n 's/^VERSION_CODENAME=//p' "$release" | tr -d '"')"
  fi
  case "$codename" in
    bookworm|trixie) log "Raspberry Pi OS / Debian $codename" ;;
    "") log "warning: cannot tell the OS release; this script is for Raspberry Pi OS Bookworm or Trixie" ;;
    *) log "warning: $codename is not Bookworm or Trixie; carrying on, but this is untested" ;;
  esac
}

# The ELF machine of the JavaFX natives in the jar: aarch64, x86-64 or unknown.
jar_arch() {
  local head=""
  if command -v unzip >/dev/null 2>&1; then
    head="$(unzip -p "$1" libglass.so 2>/dev/null | od -An -tx1 -j18 -N2 | tr -d ' \n' || true)"
  elif command -v python3 >/dev/null 2>&1; then
    head="$(python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("libglass.so")[18:20])' \
        "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n' || true)"
  fi
  case "$head" in
    b700) echo aarch64 ;;
    3e00) echo x86-64 ;;
    *) echo unknown ;;
  esac
}

check_jar() {
  [[ -f "$JAR" ]] || die "no kiosk jar at $JAR; build it with: ./mvnw -Djavafx.platform=linux-aarch64 -pl kiosk -am package (or give --jar FILE)"
  local arch
  arch="$(jar_arch "$JAR")"
  case "$arch" in
    aarch64) log "kiosk jar $JAR (JavaFX for aarch64)" ;;
    unknown) log "warning: cannot tell which processor the JavaFX in $JAR is for (no unzip or python3, or no libglass.so)" ;;
    *)
      # A home unit never opens a window: the JavaFX inside does not matter to it.
      [[ "$PROFILE" == home ]] && { log "kiosk jar $JAR (JavaFX for $arch, unused by a home unit)"; return; }
      die "the JavaFX in $JAR is for $arch, not the Pi's aarch64; build it with: ./mvnw -Djavafx.platform=linux-aarch64 -pl kiosk -am package" ;;
  esac
}

# --- steps ----------------------------------------------------------------------------------

java_package() {
  local candidate
  for pkg in openjdk-17-jre openjdk-21-jre; do
    if ! ((DRY_RUN)) && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$pkg"
      return
    fi
  done
  # Bookworm has 17, Trixie 21.
  candidate="$(apt-cache policy openjdk-17-jre 2>/dev/null | sed -n 's/^ *Candidate: //p')"
  if [[ -n "$candidate" && "$candidate" != "(none)" ]]; then
    echo openjdk-17-jre
  else
    echo openjdk-21-jre
  fi
}

install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! done_already "package $pkg" sh -c "dpkg-query -W -f='\${Status}' '$pkg' | grep -q 'install ok installed'"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return
  fi
  run env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  for pkg in "${missing[@]}"; do
    remember "package $pkg"
  done
  changed "installed ${missing[*]}"
}

ensure_user() {
  if ! done_already "user $USER_NAME" id -u "$USER_NAME"; then
    run useradd --system --home-dir "$DATA_DIR" --create-home --shell /usr/sbin/nologin \
        --comment "Courtyard kiosk" "$USER_NAME"
    remember "user $USER_NAME"
    changed "user $USER_NAME"
  fi
  local group
  for group in "${GROUPS_WANTED[@]}"; do
    if ! ((DRY_RUN)) && ! getent group "$group" >/dev/null; then
      log "warning: there is no group $group on this system; skipped"
      continue
    fi
    if ! done_already "group $group" sh -c "id -nG '$USER_NAME' | tr ' ' '\n' | grep -qx '$group'"; then
      run usermod -aG "$group" "$USER_NAME"
      remember "group $group"
      changed "$USER_NAME joins group $group"
    fi
  done
  mkdir -p "$ROOT$DATA_DIR"
  if ! done_already "owner $DATA_DIR" sh -c "[ \"\$(stat -c %U:%a '$DATA_DIR')\" = '$USER_NAME:750' ]"; then
    run chown "$USER_NAME:$USER_NAME" "$DATA_DIR"
    run chmod 750 "$DATA_DIR"
    remember "owner $DATA_DIR"
    changed "$DATA_DIR belongs to $USER_NAME, mode 750"
  fi
}

# A home unit: the kiosk's files without the launcher, the PAM session and the tty7 service, its
# configuration with profile=home, and a headless service under the same name.
install_home_unit() {
  if put_file "$JAR" /opt/courtyard/courtyard-kiosk.jar 644; then RESTART_KIOSK=1; fi
  if [[ ! -e "$ROOT/etc/courtyard/kiosk.properties" ]]; then
    local properties
    properties="$(mktemp)"
    { cat "$HERE/kiosk.properties.template"
      printf '\n# A home unit (居家呼叫器) bound to one resident: docs/hardware.md, "Home unit".\nprofile=home\n'
      printf '#home.checkin-from=07:00\n#home.reminders=09:00,16:00\n#home.announce-normal=false\n'
    } >"$properties"
    if put_file_once "$properties" /etc/courtyard/kiosk.properties 644; then RESTART_KIOSK=1; fi
    rm -f "$properties"
  fi
  if put_file "$HERE/courtyard-home.service" /etc/systemd/system/courtyard-kiosk.service 644; then
    RESTART_KIOSK=1
    run systemctl daemon-reload
  fi
  if ! done_already "enabled courtyard-kiosk.service" systemctl is-enabled courtyard-kiosk.service; then
    run systemctl enable courtyard-kiosk.service
    remember "enabled courtyard-kiosk.service"
    changed "courtyard-kiosk.service starts at boot"
  fi
}

install_kiosk() {
  if put_file "$JAR" /opt/courtyard/courtyard-kiosk.jar 644; then RESTART_KIOSK=1; fi
  if put_file "$HERE/courtyard-kiosk.launcher" /opt/courtyard/bin/courtyard-kiosk 755; then RESTART_KIOSK=1; fi
  if put_file_once "$HERE/kiosk.properties.template" /etc/courtyard/kiosk.properties 644; then RESTART_KIOSK=1; fi
  put_file "$HERE/courtyard-kiosk.pam" /etc/pam.d/courtyard-kiosk 644 || true
  if put_file "$HERE/courtyard-kiosk.service" /etc/systemd/system/courtyard-kiosk.service 644; then
    RESTART_KIOSK=1
    run systemctl daemon-reload
  fi
}

enable_service() {
  if ! done_already "default graphical.target" sh -c "[ \"\$(systemctl get-default)\" = graphical.target ]"; then
    run systemctl set-default graphical.target
    remember "default graphical.target"
    changed "boots to graphical.target"
  fi
  # A desktop image's display manager would take tty7 and the screen: the kiosk needs them.
  if ! ((DRY_RUN)) && systemctl is-enabled display-manager.service >/dev/null 2>&1; then
    run systemctl disable display-manager.service
    changed "display manager disabled (the kiosk owns the screen)"
  fi
  if ! done_already "enabled courtyard-kiosk.service" systemctl is-enabled courtyard-kiosk.service; then
    run systemctl enable courtyard-kiosk.service
    remember "enabled courtyard-kiosk.service"
    changed "courtyard-kiosk.service starts at boot"
  fi
}

screen_blanking_off() {
  # cage never blanks the screen; the kernel's console blanking is switched off as well.
  local cmdline=""
  for candidate in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
    if [[ -f "$ROOT$candidate" ]]; then
      cmdline="$candidate"
      break
    fi
  done
  if [[ -z "$cmdline" ]]; then
    log "warning: no /boot/firmware/cmdline.txt or /boot/cmdline.txt; console blanking left as it is"
    return
  fi
  if grep -qw 'consoleblank=0' "$ROOT$cmdline"; then
    return
  fi
  local edited
  edited="$(mktemp)"
  # cmdline.txt is one line; the option goes at its end.
  sed '1s/[[:space:]]*$/ consoleblank=0/' "$ROOT$cmdline" >"$edited"
  put_file "$edited" "$cmdline" "$(stat -c %a "$ROOT$cmdline")" || true
  rm -f "$edited"
}

hardware_watchdog() {
  if put_file "$HERE/watchdog.conf" /etc/systemd/system.conf.d/courtyard-watchdog.conf 644; then
    run systemctl daemon-reexec
  fi
}

# Voice is optional: without it, or if its installer fails (no internet, no zip files), the kiosk
# runs with voice off and says why. Its installer is idempotent itself and checks the jar
# installed above.
voice() {
  local script="$REPO/deploy/voice/install-voice.sh"
  if [[ ! -f "$script" ]]; then
    log "voice: $script is not there; skipped (the kiosk runs with voice off and says why)"
    return
  fi
  if ((DRY_RUN)); then
    # Not a "would run:" line: the voice installer decides itself what is already in place.
    log "voice: a real run runs $script ${VOICE_ARGS[*]}"
  elif ! bash "$script" "${VOICE_ARGS[@]}"; then
    log "warning: voice was not installed (see above); the kiosk runs with voice off until"
    log "  $script succeeds (without internet: -- --model-zip FILE --lib-zip FILE)"
  fi
}

finish() {
  if ((CHANGES == 0)); then
    log "done: nothing to change"
    return
  fi
  if ! ((DRY_RUN)) && ((RESTART_KIOSK)) && systemctl is-active --quiet courtyard-kiosk.service; then
    run systemctl restart courtyard-kiosk.service
  fi
  log "done: $CHANGES change(s)"
  if ! ((DRY_RUN)) && ! systemctl is-active --quiet courtyard-kiosk.service; then
    log "reboot to start the kiosk: sudo reboot"
  fi
}

check_os
check_jar
if [[ "$PROFILE" == home ]]; then
  install_packages "$(java_package)" "${PACKAGES_HOME[@]}"
  ensure_user
  install_home_unit
else
  install_packages "$(java_package)" "${PACKAGES_BASE[@]}"
  ensure_user
  install_kiosk
  enable_service
  screen_blanking_off
fi
hardware_watchdog
voice
finish
