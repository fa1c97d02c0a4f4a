#!/usr/bin/env bash
# Makes the township's own certificate authority (CA) and the hub's certificate with openssl,
# as docs/tls.md explains step by step.
#
#   township-tls.sh ca DIR
#       DIR/township-ca.key  the CA's private key (mode 600): keep it offline, on a USB stick in the safe
#       DIR/township-ca.crt  the CA's certificate: give it to every kiosk and staff browser
#   township-tls.sh hub DIR NAME [IP...]
#       uses DIR/township-ca.key to sign a certificate for the hub, valid for the DNS name NAME and
#       the IP addresses given, and writes
#       DIR/hub.key, DIR/hub.crt  the hub's key and certificate
#       DIR/hub.p12               both with the CA's certificate, for tls.keystore; its password is
#                                 taken from env COURTYARD_TLS_PASSWORD (never from the command line)
#
# Nothing is overwritten: remove a file first to make it again.
set -euo pipefail

WORK=""
trap 'if [[ -n "$WORK" ]]; then rm -rf "$WORK"; fi' EXIT

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

refuse_existing() {
    local file
    for file in "$@"; do
        if [[ -e "$file" ]]; then
            echo "township-tls.sh: $file exists; remove it first to make a new one" >&2
            exit 1
        fi
    done
}

make_ca() {
    local dir=$1
    mkdir -p "$dir"
    refuse_existing "$dir/township-ca.key" "$dir/township-ca.crt"
    (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/township-ca.key")
    openssl req -x509 -new -key "$dir/township-ca.key" -sha256 -days 3650 \
        -subj "/CN=Courtyard Township CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" \
        -out "$dir/township-ca.crt"
    echo "made $dir/township-ca.crt (give it to kiosks and browsers) and $dir/township-ca.key (keep it offline)"
}

make_hub() {
    local dir=$1 name=$2
    shift 2
    if [[ -z "${COURTYARD_TLS_PASSWORD:-}" ]]; then
        echo "township-tls.sh: set COURTYARD_TLS_PASSWORD to the password for hub.p12" >&2
        exit 2
    fi
    if [[ ! -r "$dir/township-ca.key" || ! -r "$dir/township-ca.crt" ]]; then
        echo "township-tls.sh: no CA in $dir; run 'township-tls.sh ca $dir' first" >&2
        exit 1
    fi
    refuse_existing "$dir/hub.key" "$dir/hub.crt" "$dir/hub.p12"
    local names="DNS:$name" ip
    for ip in "$@"; do
        names="$names,IP:$ip"
    done
    WORK=$(mktemp -d)
    cat > "$WORK/hub.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$names
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
    (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/hub.key")
    openssl req -new -key "$dir/hub.key" -subj "/CN=$name" -out "$WORK/hub.csr"
    openssl x509 -req -in "$WORK/hub.csr" -CA "$dir/township-ca.crt" -CAkey "$dir/township-ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 -extfile "$WORK/hub.ext" -out "$dir/hub.crt"
    (umask 077 && openssl pkcs12 -export -inkey "$dir/hub.key" -in "$dir/hub.crt" -certfile "$dir/township-ca.crt" \
        -name hub -out "$dir/hub.p12" -passout env:COURTYARD_TLS_PASSWORD)
    echo "made $dir/hub.p12 for $names (valid 825 days); set tls.keystore to it"
}

[[ $# -ge 2 ]] || usage
case "$1" in
    ca) [[ $# -eq 2 ]] || usage; make_ca "$2" ;;
    hub) [[ $# -ge 3 ]] || usage; make_hub "${@:2}" ;;
    *) usage ;;
esac
