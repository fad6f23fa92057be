#!/usr/bin/env bash
# bench/gateway/run.sh: accepted messages per second and latency of the api-gateway (single sends through
# POST /v1/messages and /cgi-bin/sendsms, bulk through POST /v1/broadcasts when the build has it) with the whole
# platform running, and Debian's Kannel 1.4.5 under the same load, both submitting to the same sandbox SMSC.
#
#   bench/gateway/run.sh            # starts the platform (./trunkline up -d) and stops it at the end
#   BENCH_PLATFORM=running bench/gateway/run.sh   # use a platform that is already up (left running)
#
# Settings: BENCH_DURATION (30s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_RATE (1000), BENCH_RATE_SECONDS (20),
# BENCH_DRAIN_SECONDS (600: longest wait for the platform to pass the backlog on to the SMSC between runs),
# BENCH_DB_PORT (3316: the embedded MariaDB of ./trunkline up, read with the mysql client to count messages by status),
# BENCH_WARMUP (30s: load on each Trunkline endpoint before measuring, so the JIT has compiled the hot paths),
# TRUNKLINE_ONWARD_NICE (./trunkline's: the onward services' CPU priority below api-gateway's; default 0),
# TRUNKLINE_SERVICE_JAVA_OPTS (the services' JVM options; this script's default below, not ./trunkline's small one)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/gateway"
DURATION="${BENCH_DURATION:-30s}"
CONNS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
RATE="${BENCH_RATE:-1000}"
RATE_SECONDS="${BENCH_RATE_SECONDS:-20}"
GW="${TRUNKLINE_GATEWAY_URL:-http://127.0.0.1:8080}"
BILLING="${TRUNKLINE_BILLING_URL:-http://127.0.0.1:8084}"
OP="Authorization: Bearer ${TRUNKLINE_OPERATOR_TOKEN:-dev-operator-token}"
SMSC_PORT="${TRUNKLINE_SMSC_PORT:-2775}"
KANNEL_ADMIN=13000
KANNEL_BOX=13001
KANNEL_SEND=13013
DRAIN_SECONDS="${BENCH_DRAIN_SECONDS:-600}"
DB_PORT="${BENCH_DB_PORT:-3316}"
WARMUP="${BENCH_WARMUP:-30s}"
# TRUNKLINE_ONWARD_NICE=10 runs the onward services (relay, billing, voice, gsm, portal) below the gateway's CPU
# priority; measured both ways on 2026-11-26 it made no difference worth having here (README), so all run at one
# priority by default.
export TRUNKLINE_ONWARD_NICE="${TRUNKLINE_ONWARD_NICE:-0}"
# ./trunkline's default JVM options are sized for a laptop running everything (80 MB heaps, C1 only); a throughput
# benchmark runs the services as a deployment would: full JIT, a few hundred MB of heap each.
export TRUNKLINE_SERVICE_JAVA_OPTS="${TRUNKLINE_SERVICE_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=64m}"
# the SMSC stand-in holds every bind's traffic (Kannel's and ours): more heap and full JIT than ./trunkline's default
export TRUNKLINE_SANDBOX_JAVA_OPTS="${TRUNKLINE_SANDBOX_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
WORK="$(mktemp -d /tmp/gateway-bench.XXXXXX)"
# a fresh database and broker for each run (./trunkline's data of this run lives under $WORK/var), so that an earlier
# run's backlog does not queue in front of this one's messages
if [ "${BENCH_PLATFORM:-}" != "running" ]; then export TRUNKLINE_VAR="$WORK/var"; chmod 755 "$WORK"; fi
KANNEL_PIDS=()
STARTED_PLATFORM=""

cleanup() {
  for p in "${KANNEL_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${KANNEL_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$STARTED_PLATFORM" ]; then "$ROOT/trunkline" down || true; fi
  echo "work files (configs, logs, wrk output): $WORK"
}
trap cleanup EXIT
wait_port() { local end=$((SECONDS + $2)); until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
  [ $SECONDS -lt $end ] || { echo "port $1 did not open" >&2; return 1; }; sleep 0.2; done; }
json() { sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$1"; }

# ------------------------------------------------------------------ tools: wrk and kannel from Debian
if ! command -v wrk >/dev/null || ! command -v bearerbox >/dev/null; then
  echo "installing wrk and kannel (apt, under /tmp/apt.lock) ..."
  (
    flock 9
    # the kannel package would start its own boxes on the default config: keep services from starting meanwhile
    created_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d; created_policy=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk kannel >"$WORK/apt.log" 2>&1 || {
      apt-get update -q >>"$WORK/apt.log" 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk kannel >>"$WORK/apt.log" 2>&1; }
    if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
  ) 9>/tmp/apt.lock
fi
echo "wrk: $(wrk -v 2>&1 | head -1)"; echo "kannel: $(dpkg-query -W -f='${Version}' kannel 2>/dev/null)"

# ------------------------------------------------------------------ the platform
if [ "${BENCH_PLATFORM:-}" != "running" ]; then
  "$ROOT/trunkline" up -d
  STARTED_PLATFORM=1
fi
curl -sf "$GW/q/health/ready" >/dev/null || { echo "api-gateway is not ready at $GW" >&2; exit 1; }

# a bench tenant: no rate limit to speak of, a large prepaid balance
tenant="$(curl -sf -X POST "$GW/v1/operator/tenants" -H "$OP" -H 'Content-Type: application/json' \
  -d '{"name":"Bench","defaultRegion":"AU","senderIds":["Trunkline"]}')"
TENANT_ID="$(json "$tenant" id)"
keyjson="$(curl -sf -X POST "$GW/v1/operator/tenants/$TENANT_ID/keys" -H "$OP" -H 'Content-Type: application/json' -d '{"name":"bench"}')"
export BENCH_KEY; BENCH_KEY="$(json "$keyjson" key)"
curl -sf -o /dev/null -X PUT "$GW/v1/operator/tenants/$TENANT_ID/limits" -H "$OP" -H 'Content-Type: application/json' \
  -d '{"messagesPerSecond":1000000,"burst":1000000}'
curl -sf -o /dev/null -X POST "$BILLING/v1/ops/accounts/$TENANT_ID/topups" -H "$OP" -H 'Content-Type: application/json' \
  -d "{\"amount\":\"10000000.00\",\"currency\":\"USD\",\"reference\":\"bench-$TENANT_ID\",\"note\":\"bench\"}" \
  || echo "warning: billing top-up failed; sends may be refused with 402 once billing publishes a balance" >&2
echo "bench tenant $TENANT_ID"
Q="username=$TENANT_ID&password=$BENCH_KEY&from=Trunkline&to=%2B61412345678&text=Trunkline+bench+message"

# ------------------------------------------------------------------ Kannel: bearerbox + smsbox, one SMPP transceiver
# shellcheck source=../kannel.sh
. "$ROOT/bench/kannel.sh"
kannel_conf "$WORK/kannel.conf" "$KANNEL_ADMIN" "$KANNEL_BOX" "$KANNEL_SEND" "$SMSC_PORT" "$WORK/kannel" gateway
bearerbox -v 2 "$WORK/kannel.conf" >"$WORK/bearerbox.out" 2>&1 &
KANNEL_PIDS+=($!)
wait_port "$KANNEL_BOX" 30
smsbox -v 2 "$WORK/kannel.conf" >"$WORK/smsbox.out" 2>&1 &
KANNEL_PIDS+=($!)
wait_port "$KANNEL_SEND" 30
end=$((SECONDS + 30))
until curl -s "http://127.0.0.1:$KANNEL_ADMIN/status.txt?password=bench" | grep -q 'sandbox.*online'; do
  [ $SECONDS -lt $end ] || { echo "Kannel's SMPP bind did not come online:" >&2; curl -s "http://127.0.0.1:$KANNEL_ADMIN/status.txt?password=bench" >&2; exit 1; }
  sleep 0.5
done
KQ="username=bench&password=bench&from=Trunkline&to=%2B61412345678&text=Trunkline+bench+message"

# ------------------------------------------------------------------ runs
# wrk's summary: accepted/s = (requests - non-2xx) / seconds; p50 and p99 from --latency
summarise() { # name file
  awk -v name="$1" '
    /requests in/ { n = $1; sub(/s,?$/, "", $4); secs = $4 + 0; if ($4 ~ /m$/) secs = ($4 + 0) * 60 }
    /Non-2xx/ { bad = $5 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    END { acc = (n - bad) / secs; printf "%-34s %10.0f accepted/s  p50 %8s  p99 %8s  (%d requests, %d non-2xx)\n", name, acc, p50, p99, n, bad; print acc > "/dev/stderr" }
  ' "$2"
}
load() { # name url [lua]
  local name="$1" url="$2" script="${3:-}"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency ${script:+-s "$script"} "$url" >"$WORK/$name.wrk" 2>&1
  summarise "$name" "$WORK/$name.wrk" 2>"$WORK/$name.rate"
}

# the bench tenant's messages by status, straight from the gateway's schema (the API pages, it does not count)
by_status() {
  mysql -h127.0.0.1 -P"$DB_PORT" -uroot -N -B -e "SELECT LOWER(status), COUNT(*) FROM trunkline_gateway.sms_message \
    WHERE tenant_id = '$TENANT_ID' GROUP BY status ORDER BY status" 2>/dev/null | tr '\t' ' ' | paste -sd, - || true
}
not_yet_sent() {
  # messages not yet passed on, and broadcasts still being turned into messages
  mysql -h127.0.0.1 -P"$DB_PORT" -uroot -N -B -e "SELECT (SELECT COUNT(*) FROM trunkline_gateway.sms_message \
    WHERE tenant_id = '$TENANT_ID' AND status IN ('QUEUED', 'SENDING')) + (SELECT COUNT(*) \
    FROM trunkline_gateway.broadcast WHERE tenant_id = '$TENANT_ID' AND status IN ('queued', 'sending'))" \
    2>/dev/null || echo 0
}
passed_on() {
  mysql -h127.0.0.1 -P"$DB_PORT" -uroot -N -B -e "SELECT COUNT(*) FROM trunkline_gateway.sms_message \
    WHERE tenant_id = '$TENANT_ID' AND status NOT IN ('QUEUED', 'SENDING', 'SCHEDULED')" 2>/dev/null || echo 0
}
# waits until every accepted message has reached the SMSC stand-in (sent or further), so that one run's backlog does
# not load the next; prints how many passed on meanwhile and how long the platform took
awaiting_receipt() {
  mysql -h127.0.0.1 -P"$DB_PORT" -uroot -N -B -e "SELECT COUNT(*) FROM trunkline_gateway.sms_message \
    WHERE tenant_id = '$TENANT_ID' AND status = 'SENT'" 2>/dev/null || echo 0
}
# Waits until the platform has passed every message on to the SMSC (none queued or sending) and then until their
# receipts came back (none left sent), at most DRAIN_SECONDS in all, so that the next run (ours or Kannel's) starts
# on a quiet machine; prints the end-to-end rate (accepted -> on the SMSC) and how long the receipts took after it.
drain() {
  local start=$SECONDS before after left took receipts_took=0
  before="$(passed_on)"
  left="$(not_yet_sent)"
  while [ "${left:-0}" -gt 0 ] && [ $((SECONDS - start)) -lt "$DRAIN_SECONDS" ]; do sleep 2; left="$(not_yet_sent)"; done
  took=$((SECONDS - start))
  after="$(passed_on)"
  left="$(awaiting_receipt)"
  while [ "${left:-0}" -gt 0 ] && [ $((SECONDS - start)) -lt "$DRAIN_SECONDS" ]; do sleep 2; left="$(awaiting_receipt)"; done
  receipts_took=$((SECONDS - start - took))
  if [ $((after - before)) -gt 0 ]; then
    printf '  drained: %s messages passed on to the SMSC in %d s (%s/s end to end), their receipts %d s later; now %s\n' \
      "$((after - before))" "$took" "$(( (after - before) / (took > 0 ? took : 1) ))" "$receipts_took" "$(by_status)"
  fi
}
command -v mysql >/dev/null || { echo "the mysql client is needed to count messages (apt-get install mariadb-client)" >&2; exit 1; }

echo "onward services at nice +$TRUNKLINE_ONWARD_NICE (TRUNKLINE_ONWARD_NICE); warming up ($WARMUP on each Trunkline endpoint, 10 s Kannel) ..."
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$GW/cgi-bin/sendsms?$Q" >/dev/null 2>&1
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$HERE/post-message.lua" "$GW/v1/messages" >/dev/null 2>&1
wrk -t"$THREADS" -c"$CONNS" -d10s "http://127.0.0.1:$KANNEL_SEND/cgi-bin/sendsms?$KQ" >/dev/null 2>&1
drain

echo; echo "== fixed rate: $RATE/s for $RATE_SECONDS s over $CONNS keep-alive connections (open loop, latency from the scheduled time) =="
printf '%-34s ' "trunkline POST /v1/messages"
java "$HERE/LoadAtRate.java" "$RATE" "$RATE_SECONDS" "$GW/v1/messages" \
  '{"to":"+61412345678","from":"Trunkline","text":"Trunkline bench message"}' "$BENCH_KEY" "$CONNS"
drain
printf '%-34s ' "trunkline GET /cgi-bin/sendsms"
java "$HERE/LoadAtRate.java" "$RATE" "$RATE_SECONDS" "$GW/cgi-bin/sendsms?$Q" - "" "$CONNS"
drain
printf '%-34s ' "kannel GET /cgi-bin/sendsms"
java "$HERE/LoadAtRate.java" "$RATE" "$RATE_SECONDS" "http://127.0.0.1:$KANNEL_SEND/cgi-bin/sendsms?$KQ" - "" "$CONNS"

echo; echo "== $CONNS keep-alive connections, $THREADS threads, $DURATION each =="
load trunkline-post-v1-messages "$GW/v1/messages" "$HERE/post-message.lua"
drain
load trunkline-cgi-bin-sendsms "$GW/cgi-bin/sendsms?$Q"
drain
load kannel-cgi-bin-sendsms "http://127.0.0.1:$KANNEL_SEND/cgi-bin/sendsms?$KQ"
awk -v t="$(cat "$WORK/trunkline-cgi-bin-sendsms.rate")" -v k="$(cat "$WORK/kannel-cgi-bin-sendsms.rate")" \
  'BEGIN { printf "ratio Trunkline/Kannel (cgi-bin/sendsms): %.2f\n", (k > 0 ? t / k : 0) }'

echo; echo "== bulk: POST /v1/broadcasts =="
probe="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GW/v1/broadcasts" -H "Authorization: Bearer $BENCH_KEY" \
  -H 'Content-Type: application/json' -d '{"to":["+61412345678"],"from":"Trunkline","text":"bench probe"}')"
if [ "$probe" = 201 ] || [ "$probe" = 202 ]; then
  java "$HERE/Broadcasts.java" "$GW" "$BENCH_KEY" "${BENCH_BULK_SIZE:-10000}" "${BENCH_BULK_COUNT:-5}"
  drain
else
  echo "not measured: POST /v1/broadcasts answered $probe in this build"
fi

echo; echo "== onward flow to the SMSC stand-in =="
drain
echo "trunkline bench tenant, messages by status: $(by_status)"
curl -s "http://127.0.0.1:$KANNEL_ADMIN/status.txt?password=bench" | grep -E '^SMS:|sandbox|queued' | head -5
