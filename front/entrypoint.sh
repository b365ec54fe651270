#!/bin/sh
# The front door: `front-door serve` (the default) writes nginx's site from the environment,
# starts nginx, and when SITE_URL is https:// obtains a certificate for its host from the ACME
# CA (HTTP-01 challenge on port 80) and renews it twice a day when it nears its end;
# `front-door renew [--force]` renews it now (--force: whatever its age) and reloads nginx.
#
# Environment (docker-compose.yml passes each; defaults here):
#   SITE_URL                 http://localhost  (https://host: certificates for host)
#   ACME_DIRECTORY           https://acme-v02.api.letsencrypt.org/directory
#   ACME_EMAIL               webmaster@host: the CA's account, and its notices
#   ACME_CA_CERTIFICATES     (none) a PEM file of CAs to trust for the ACME directory (a test CA)
#   FRONT_UPSTREAM           web:8000  gunicorn
#   ADMIN_URL                admin/    the admin's path, whose requests may carry a PDF
#   FRONT_UPLOAD_MAX_BODY    12m       the largest request body the admin accepts
#   FRONT_CONNECTIONS_PER_CLIENT 100   connections one client address may hold at once
set -eu

STATE=/var/lib/front-door
TEMPLATES=/usr/share/front-door
SITE_URL=${SITE_URL:-http://localhost}
ACME_DIRECTORY=${ACME_DIRECTORY:-https://acme-v02.api.letsencrypt.org/directory}
RENEW_BEFORE_DAYS=30
authority=${SITE_URL#*://}
authority=${authority%%/*}
SERVER_NAME=${authority%%:*}

log() { echo "front-door: $*" >&2; }

render() {
    admin_path=$(printf '%s' "${ADMIN_URL:-admin/}" | sed 's#^/*##')
    sed -e "s#@@SERVER_NAME@@#$SERVER_NAME#g" \
        -e "s#@@UPSTREAM@@#${FRONT_UPSTREAM:-web:8000}#g" \
        -e "s#@@ADMIN_PATH@@#$admin_path#g" \
        -e "s#@@UPLOAD_MAX_BODY@@#${FRONT_UPLOAD_MAX_BODY:-12m}#g" \
        -e "s#@@RESOLVER@@#$(resolver)#g" \
        -e "s#@@CONNECTIONS_PER_CLIENT@@#${FRONT_CONNECTIONS_PER_CLIENT:-100}#g" "$1"
}

# Docker's own DNS (127.0.0.11) on compose's network; IPv6 servers in brackets for nginx.
resolver() {
    awk '/^nameserver/ { print ($2 ~ /:/ ? "[" $2 "]" : $2); exit }' /etc/resolv.conf
}

write_site() {
    mkdir -p /etc/nginx/front-door
    for name in keys.conf headers.conf proxy.conf; do
        render "$TEMPLATES/$name" >"/etc/nginx/front-door/$name"
    done
    render "$TEMPLATES/site-$1.conf" >/etc/nginx/conf.d/site.conf
}

lego_() {
    if [ -n "${ACME_CA_CERTIFICATES:-}" ]; then export LEGO_CA_CERTIFICATES="$ACME_CA_CERTIFICATES"; fi
    set -- --accept-tos --server "$ACME_DIRECTORY" --path "$STATE/lego" --domains "$SERVER_NAME" \
        --http --http.webroot "$STATE/acme" --email "${ACME_EMAIL:-webmaster@$SERVER_NAME}" "$@"
    lego "$@"
}

# nginx serves whatever is in live/: a placeholder until the CA has issued the certificate.
install_issued() {
    issued="$STATE/lego/certificates/$SERVER_NAME"
    [ -s "$issued.crt" ] || return 1
    mkdir -p "$STATE/live"
    cp "$issued.key" "$STATE/live/key.pem.new" && cp "$issued.crt" "$STATE/live/fullchain.pem.new"
    mv "$STATE/live/key.pem.new" "$STATE/live/key.pem"
    mv "$STATE/live/fullchain.pem.new" "$STATE/live/fullchain.pem"
}

placeholder() {
    mkdir -p "$STATE/live"
    [ -s "$STATE/live/fullchain.pem" ] && return
    log "no certificate yet for $SERVER_NAME: a self-signed one until the CA issues it"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$SERVER_NAME" \
        -keyout "$STATE/live/key.pem" -out "$STATE/live/fullchain.pem" 2>/dev/null
}

reload() { nginx -s reload; }

obtain() {
    mkdir -p "$STATE/acme"
    if lego_ run; then install_issued && reload && log "certificate issued for $SERVER_NAME"; else return 1; fi
}

renew() {
    if [ "${1:-}" = "--force" ] || [ ! -s "$STATE/lego/certificates/$SERVER_NAME.crt" ]; then
        obtain
    else
        lego_ renew --days "$RENEW_BEFORE_DAYS" && install_issued && reload
    fi
}

# Until the first certificate: retry every minute (DNS may not point here yet); then twice a day.
keep_certificate() {
    until renew; do log "the ACME CA did not issue a certificate; trying again in 60s"; sleep 60; done
    while sleep 43200; do renew || log "renewal failed; trying again in 12 hours"; done
}

serve() {
    case "$SITE_URL" in
        https://*) write_site https; placeholder ;;
        *) write_site http ;;
    esac
    nginx -t -q
    nginx -g 'daemon off;' &
    nginx_pid=$!
    trap 'kill -TERM $nginx_pid 2>/dev/null' TERM INT QUIT
    case "$SITE_URL" in https://*) (sleep 1; keep_certificate) & ;; esac
    wait "$nginx_pid" || true
    wait "$nginx_pid" 2>/dev/null || true
}

case "${1:-serve}" in
    serve) serve ;;
    renew) shift; renew "$@" ;;
    *) exec "$@" ;;
esac
