#!/usr/bin/env bash
# Installs (or updates) the Courtyard hub as a systemd service on Debian or Ubuntu.
#
#   sudo deploy/hub/install.sh [--jar PATH]
#
# It makes the system user courtyard-hub, installs the jar to /opt/courtyard-hub, the unit to
# /etc/systemd/system/courtyard-hub.service, and, only if they do not exist yet, the settings
# /etc/courtyard-hub/hub.env and hub.properties from the templates (an operator's edits are never
# overwritten). Data: /var/lib/courtyard-hub; backups: /var/backups/courtyard-hub.
# Running it again changes nothing unless the jar or the unit changed; a running hub is then
# restarted. A new install is enabled but not started: set the admin password in hub.env first.
#
#   --jar PATH   the hub jar (default: hub/target/courtyard-hub.jar of this source tree)
#   --root DIR   install into DIR instead of / (for packaging and tests): no user, no ownership,
#                no apt-get, no systemctl
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR="$HERE/../../hub/target/courtyard-hub.jar"
ROOT=""
SERVICE=courtyard-hub
CHANGED=()

usage() {
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --jar) [[ $# -ge 2 ]] || usage; JAR=$2; shift 2 ;;
        --root) [[ $# -ge 2 ]] || usage; ROOT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "install.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

if [[ ! -f "$JAR" ]]; then
    echo "install.sh: no hub jar at $JAR; build it (./mvnw -pl protocol,hub package) or pass --jar" >&2
    exit 1
fi
if [[ -z "$ROOT" && $EUID -ne 0 ]]; then
    echo "install.sh: run it as root (sudo), or with --root DIR" >&2
    exit 1
fi

# A directory with its mode and, on a real install, its owner and group.
directory() {
    local path=$ROOT$1 mode=$2 owner=$3 group=$4
    if [[ ! -d "$path" ]]; then
        CHANGED+=("$1")
    fi
    if [[ -z "$ROOT" ]]; then
        install -d -m "$mode" -o "$owner" -g "$group" "$path"
    else
        install -d -m "$mode" "$path"
    fi
}

# A file copied only when its content differs, so a second run touches nothing.
file() {
    local source=$1 target=$ROOT$2 mode=$3 owner=$4 group=$5
    if [[ -f "$target" ]] && cmp -s "$source" "$target"; then
        return 0
    fi
    if [[ -z "$ROOT" ]]; then
        install -m "$mode" -o "$owner" -g "$group" "$source" "$target"
    else
        install -m "$mode" "$source" "$target"
    fi
    CHANGED+=("$2")
}

# A settings file from a template, only if there is none: the operator's edits stay.
settings() {
    local source=$1 target=$ROOT$2
    if [[ -e "$target" ]]; then
        return 0
    fi
    if [[ -z "$ROOT" ]]; then
        install -m 640 -o root -g "$SERVICE" "$source" "$target"
    else
        install -m 640 "$source" "$target"
    fi
    CHANGED+=("$2")
}

if [[ -z "$ROOT" ]]; then
    if ! command -v java > /dev/null; then
        apt-get update
        apt-get install -y openjdk-17-jre-headless
        CHANGED+=("openjdk-17-jre-headless")
    fi
    version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ "${version%%.*}" -lt 17 ]]; then
        echo "install.sh: the hub needs Java 17 or newer; /usr/bin/java is $version" >&2
        exit 1
    fi
    if ! getent passwd "$SERVICE" > /dev/null; then
        useradd --system --user-group --home-dir /var/lib/$SERVICE --no-create-home \
            --shell /usr/sbin/nologin --comment "Courtyard hub" "$SERVICE"
        CHANGED+=("user $SERVICE")
    fi
fi

directory /opt/$SERVICE 755 root root
directory /etc/$SERVICE 750 root "$SERVICE"
directory /var/lib/$SERVICE 750 "$SERVICE" "$SERVICE"
directory /var/backups/$SERVICE 750 "$SERVICE" "$SERVICE"
directory /etc/systemd/system 755 root root

file "$JAR" /opt/$SERVICE/courtyard-hub.jar 644 root root
file "$HERE/township-tls.sh" /opt/$SERVICE/township-tls.sh 755 root root
file "$HERE/courtyard-hub.service" /etc/systemd/system/$SERVICE.service 644 root root
settings "$HERE/hub.env.template" /etc/$SERVICE/hub.env
settings "$HERE/hub.properties.template" /etc/$SERVICE/hub.properties

if [[ ${#CHANGED[@]} -eq 0 ]]; then
    echo "courtyard-hub is installed and up to date; nothing changed"
    exit 0
fi
printf 'changed: %s\n' "${CHANGED[@]}"

if [[ -z "$ROOT" ]]; then
    systemctl daemon-reload
    systemctl enable "$SERVICE.service"
    if systemctl is-active --quiet "$SERVICE.service"; then
        systemctl restart "$SERVICE.service"
        echo "courtyard-hub restarted"
    else
        echo "next: set COURTYARD_ADMIN_PASSWORD in /etc/$SERVICE/hub.env, then: systemctl start $SERVICE"
    fi
fi
