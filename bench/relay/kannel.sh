#!/usr/bin/env bash
# bench/relay/kannel.sh: submit_sm per second through ONE SMPP transceiver bind (window = max-pending-submits 100)
# for Debian's Kannel 1.4.5 against the sandbox SMSC stand-in on loopback, without and with receipts
# (dlr-mask=3: registered_delivery, receipts correlated by bearerbox's internal DLR store).
#
#   bench/relay/kannel.sh            # 50,000 messages per run
#   BENCH_MESSAGES=20000 bench/relay/kannel.sh
#
# How: the stand-in is NOT running while the messages are injected through smsbox's /cgi-bin/sendsms (wrk), so they
# queue in bearerbox; then the stand-in starts, Kannel binds (reconnect-delay 1 s) and drains the queue through the
# one bind. The rate is read from bearerbox's /status.txt (the smsc line's "sent: sms N" and "rcvd: ... dlr N"),
# polled every 0.2 s: submits/s = messages / (time of first poll with sent = N - time of last poll with sent = 0).
# That separates the SMPP bind from smsbox's HTTP front (about 2,600 requests/s here, see bench/gateway).
# Ports: stand-in 2785, admin 13100, smsbox 13101, sendsms 13113 (all different from bench/gateway's).
set -euo pipefail
N="${BENCH_MESSAGES:-50000}"
SMSC_PORT="${BENCH_SMSC_PORT:-2785}"
ADMIN=13100; BOX=13101; SEND=13113
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../kannel.sh
. "$ROOT/bench/kannel.sh"
JAR="$ROOT/sandbox/target/sandbox.jar"
WORK="$(mktemp -d /tmp/relay-kannel-bench.XXXXXX)"
PIDS=()
SMSC_PID=""
WRK_PID=""

cleanup() {
  [ -n "$SMSC_PID" ] && kill "$SMSC_PID" 2>/dev/null || true
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}" $SMSC_PID; do wait "$p" 2>/dev/null || true; done
  echo "work files (configs, logs): $WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP   # so that the EXIT trap stops the boxes, the stand-in and wrk
wait_port() { local end=$((SECONDS + $2)); until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
  [ $SECONDS -lt $end ] || { echo "port $1 did not open" >&2; return 1; }; sleep 0.2; done; }
for p in $SMSC_PORT $ADMIN $BOX $SEND; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done
command -v bearerbox >/dev/null && command -v wrk >/dev/null || { echo "needs kannel and wrk (see bench/gateway/run.sh)" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && flock /tmp/sandbox-build.lock ./mvnw -B -q -o -pl sandbox package -DskipTests)
CPF="$ROOT/bench/relay/target/cp.txt"   # jSMPP and the sandbox's other dependencies (see README: build-classpath)
[ -f "$CPF" ] || (cd "$ROOT/bench/relay" && ../../mvnw -B -q -o package -DskipTests && ../../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
CPX="$(cat "$CPF")"
echo "kannel $(dpkg-query -W -f='${Version}' kannel), $N messages per run, load: $(cut -d' ' -f1-3 /proc/loadavg)"

status() { curl -s "http://127.0.0.1:$ADMIN/status.txt?password=bench"; }
# prints "<sent sms> <received dlr>" of the sandbox SMSC connection
counts() { status | sed -n 's/.*rcvd: sms [0-9]* ([^)]*) \/ dlr \([0-9]*\) .*sent: sms \([0-9]*\) .*/\2 \1/p' | head -1; }

start_smsc() {
  TRUNKLINE_SMSC_PORT=$SMSC_PORT TRUNKLINE_SMSC_RECEIPT_DELAY_MS=0 \
    java -Xmx512m -cp "$JAR:$CPX" io.trunkline.sandbox.smsc.SmscMain >"$WORK/smsc-$1.out" 2>&1 &
  SMSC_PID=$!
}
stop_smsc() { kill "$SMSC_PID" 2>/dev/null || true; wait "$SMSC_PID" 2>/dev/null || true; SMSC_PID=""; }

run() { # name extra-query
  local name="$1" extra="$2"
  rm -rf "$WORK/store"; mkdir -p "$WORK/store"
  kannel_conf "$WORK/kannel.conf" "$ADMIN" "$BOX" "$SEND" "$SMSC_PORT" "$WORK" "$name"
  bearerbox -v 2 "$WORK/kannel.conf" >"$WORK/bearerbox-$name.out" 2>&1 &
  PIDS+=($!); local bb=$!
  wait_port "$BOX" 30
  smsbox -v 2 "$WORK/kannel.conf" >"$WORK/smsbox-$name.out" 2>&1 &
  PIDS+=($!); local sb=$!
  wait_port "$SEND" 30
  wait_port "$ADMIN" 30

  # inject N messages while no SMSC listens: they queue in bearerbox (wrk is stopped once N are queued; a few more
  # may arrive before it stops, the drain below is timed up to the N-th submit)
  local q="username=bench&password=bench&from=Trunkline&to=%2B61412345678&text=Trunkline+bench+message$extra"
  local t0=$SECONDS queued=0
  wrk -t2 -c4 -d600s "http://127.0.0.1:$SEND/cgi-bin/sendsms?$q" >"$WORK/wrk-$name.out" 2>&1 &
  local wrk_pid=$!; WRK_PID=$wrk_pid
  while [ "$queued" -lt "$N" ]; do
    sleep 0.2
    queued=$(status | sed -n 's/^SMS: received .*, sent [0-9]* (\([0-9]*\) queued).*/\1/p'); queued=${queued:-0}
    [ $((SECONDS - t0)) -lt 300 ] || { echo "[$name] injection too slow: $queued queued" >&2; break; }
  done
  kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; WRK_PID=""
  sleep 1
  echo "[$name] injected $(status | sed -n 's/^SMS: received .*, sent [0-9]* (\([0-9]*\) queued).*/\1/p') in $((SECONDS - t0)) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  status | grep -E '^SMS: received|queued' | head -2 | sed "s/^/[$name] /"

  # now the SMSC: Kannel binds and drains its queue through one bind
  start_smsc "$name"
  local tzero="" tsent="" tdlr="" sent=0 dlr=0 last_sent=-1 stall=0 now
  local want_dlr=0; [ -n "$extra" ] && want_dlr=1
  while :; do
    read -r sent dlr <<<"$(counts)"; sent=${sent:-0}; dlr=${dlr:-0}
    now=$(date +%s.%N)
    [ "$sent" -eq 0 ] && tzero=$now
    [ -z "$tsent" ] && [ "$sent" -ge "$N" ] && tsent=$now
    [ -z "$tdlr" ] && [ "$dlr" -ge "$N" ] && tdlr=$now
    if [ -n "$tsent" ] && { [ "$want_dlr" = 0 ] || [ -n "$tdlr" ]; }; then break; fi
    if [ "$sent.$dlr" = "$last_sent" ]; then stall=$((stall + 1)); else stall=0; fi
    last_sent="$sent.$dlr"
    [ $stall -lt 300 ] || { echo "[$name] stalled at sent $sent, dlr $dlr" >&2; break; }
    sleep 0.2
  done
  echo "[$name] load after drain: $(cut -d' ' -f1-3 /proc/loadavg)"
  status | grep -E 'sandbox|^DLR' | sed "s/^/[$name] /"
  if [ -n "$tsent" ] && [ -n "$tzero" ]; then
    awk -v n="$N" -v a="$tzero" -v b="$tsent" -v name="$name" \
      'BEGIN { printf "[%s] RESULT submit_sm/s (one bind, Kannel): %.0f  (%d in %.2f s)\n", name, n / (b - a), n, b - a }'
  fi
  if [ -n "$tdlr" ] && [ -n "$tzero" ]; then
    awk -v n="$N" -v a="$tzero" -v b="$tdlr" -v name="$name" \
      'BEGIN { printf "[%s] RESULT receipts/s (first submit -> last receipt, Kannel): %.0f  (%d in %.2f s)\n", name, n / (b - a), n, b - a }'
  elif [ "$want_dlr" = 1 ]; then echo "[$name] receipts: only $dlr of $N received"; fi
  stop_smsc
  kill "$sb" "$bb" 2>/dev/null || true; wait "$sb" 2>/dev/null || true; wait "$bb" 2>/dev/null || true
  sleep 1
}

run plain ""
# dlr-url: a closed port (smsbox's call fails fast); the receipts are counted in bearerbox, where they are matched
run dlr "&dlr-mask=3&dlr-url=http%3A%2F%2F127.0.0.1%3A13199%2Fdlr%3Fid%3D%25i%26s%3D%25d"
