#!/usr/bin/env bash
# Serial burst: the current SerialSource (one reading thread) against the one it replaced (jSerialComm's event
# listener, commit bad4774), in one JVM, alternating, on the same 3.18 MB burst through a socat pty pair.
#
#   bench/serial-burst.sh [ROUNDS]      (default 7; prints each reader's median MB/s and all rounds)
#
# Needs socat, a built tree (mvn -q -DskipTests package; the monitor's test classes hold PtyPair) and git history.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-7}"
command -v socat >/dev/null || { echo "serial-burst: socat not found: apt-get install socat" >&2; exit 69; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
m2="${HOME}/.m2/repository"
cp="$here/monitor/target/classes:$here/monitor/target/test-classes:$here/firmware-protocol/target/classes"
for jar in com/fazecast/jSerialComm/2.11.2/jSerialComm-2.11.2.jar org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
           org/junit/jupiter/junit-jupiter-api/5.13.4/junit-jupiter-api-5.13.4.jar; do
  cp="$cp:$m2/$jar"
done
cp="$cp:$(ls "$m2"/org/opentest4j/opentest4j/*/opentest4j-*.jar | head -1)"
mkdir -p "$work/io/spinewatch/transport/serial"
git -C "$here" show bad4774:monitor/src/main/java/io/spinewatch/transport/serial/SerialSource.java \
  | sed 's/public final class SerialSource/public final class EventListenerSerialSource/; s/public SerialSource(/public EventListenerSerialSource(/g; s/getLogger(SerialSource.class)/getLogger(EventListenerSerialSource.class)/' \
  > "$work/io/spinewatch/transport/serial/EventListenerSerialSource.java"
cp "$here/bench/serial/SerialBurst.java" "$work/"
javac -nowarn -d "$work" -cp "$cp" "$work/io/spinewatch/transport/serial/EventListenerSerialSource.java" "$work/SerialBurst.java"
java -cp "$cp:$work" SerialBurst "$rounds" 2>&1 | grep -v '^SLF4J'
