#!/usr/bin/env bash
# bench/voice/run.sh [CALLS] [TALK_MS]
# voice-service (packaged, driver ami) against the sandbox AMI stand-in, with a private Kafka broker and the local
# MariaDB/MySQL (TRUNKLINE_DB_URL, default jdbc:mysql://127.0.0.1:3306; schema trunkline_voice_bench is recreated).
# Needs: ./mvnw -B -o -pl sandbox,voice-service package -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CALLS="${1:-500}"
TALK_MS="${2:-20000}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-29392}"
AMI_PORT="${BENCH_AMI_PORT:-25038}"
HTTP_PORT="${BENCH_HTTP_PORT:-28082}"
DB_URL="${TRUNKLINE_DB_URL:-jdbc:mysql://127.0.0.1:3306}"
WORK="$(mktemp -d /tmp/voice-bench.XXXXXX)"
SANDBOX_CP="$ROOT/sandbox/target/sandbox.jar:$ROOT/sandbox/target/lib/*"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
wait_port() { local end=$((SECONDS + $2)); until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
  [ $SECONDS -lt $end ] || { echo "port $1 did not open" >&2; exit 1; }; sleep 0.2; done; }

for p in "$KAFKA_PORT" $((KAFKA_PORT + 1)) "$AMI_PORT" "$HTTP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use; set BENCH_*_PORT" >&2; exit 1; fi
done
mysql -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS trunkline_voice_bench' 2>/dev/null || true

java -Xmx320m -XX:+UseSerialGC -Dlog4j2.configurationFile=classpath:log4j2.xml -cp "$SANDBOX_CP" \
  io.trunkline.sandbox.kafka.LocalKafkaBroker "$WORK/kafka" "$KAFKA_PORT" $((KAFKA_PORT + 1)) >"$WORK/kafka.log" 2>&1 &
PIDS+=($!)
TRUNKLINE_AMI_PORT="$AMI_PORT" TRUNKLINE_AMI_RING_MS=1000 TRUNKLINE_AMI_TALK_MS="$TALK_MS" \
  java -Xmx256m -XX:+UseSerialGC -cp "$SANDBOX_CP" io.trunkline.sandbox.ami.AmiMain >"$WORK/ami.log" 2>&1 &
PIDS+=($!)
wait_port "$KAFKA_PORT" 60
sleep 2 # the broker opens its port before it has a controller
wait_port "$AMI_PORT" 30

TRUNKLINE_KAFKA="127.0.0.1:$KAFKA_PORT" TRUNKLINE_VOICE_DRIVER=ami TRUNKLINE_VOICE_AMI_PORT="$AMI_PORT" \
TRUNKLINE_VOICE_TRUNK_MAX_CHANNELS=100000 TRUNKLINE_VOICE_TENANT_MAX_CHANNELS=100000 TRUNKLINE_VOICE_TICK=50ms \
TRUNKLINE_VOICE_RING_TIMEOUT=30s \
  java -Xmx512m -Dquarkus.http.port="$HTTP_PORT" -Dquarkus.log.level=WARN \
  -Dquarkus.datasource.jdbc.url="$DB_URL/trunkline_voice_bench?createDatabaseIfNotExist=true" \
  -jar "$ROOT/voice-service/target/quarkus-app/quarkus-run.jar" >"$WORK/voice.log" 2>&1 &
PIDS+=($!)
end=$((SECONDS + 90))
until curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null; do
  [ $SECONDS -lt $end ] || { echo "voice-service not ready; log:" >&2; tail -40 "$WORK/voice.log" >&2; exit 1; }
  sleep 0.5
done
echo "voice-service ready (driver ami, stand-in answers after 1 s, talk ${TALK_MS} ms); placing $CALLS click-to-calls"
java "$ROOT/bench/voice/VoiceBench.java" "http://127.0.0.1:$HTTP_PORT" "$CALLS"
grep -c 'ERROR' "$WORK/voice.log" | sed 's/^/voice-service ERROR lines: /' || true
