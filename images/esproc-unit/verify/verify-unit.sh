#!/usr/bin/env bash
# Verifies berth/esproc-unit:<tag> the way Berth's agent runs a unit, and prints the figures:
#   1. a home with the user's config/raqsoftConfig.xml + config/unitServer.xml and a /share file:
#      the files must land in the esProc config dir; the log must say "Node server is running at";
#      EsprocUnitCheck (isAlive, getUnitMaxNum, SPL over JDBC on the node) must pass;
#      start-to-ready time (docker run -> log line, and -> first isAlive), idle memory, stop time.
#   2. a home with an empty config/: the start script generates both files; maxTaskNum must follow
#      UNIT_CPU_SHARES=512 -> 2.
# Usage: images/esproc-unit/verify/verify-unit.sh [tag (dev)] [port (28281)]; the port and port+1 must be free.
# Cleans up its containers and temp files. Needs docker, a JDK 17 and the jars of ../pom.xml (fetched if missing).
set -euo pipefail
tag=${1:-dev}
port=${2:-28281}
here=$(cd "$(dirname "$0")" && pwd)
image="berth/esproc-unit:$tag"
jars="$here/../target/jars"
docker image inspect "$image" >/dev/null || { echo "no image $image: run images/esproc-unit/build.sh $tag" >&2; exit 1; }
[ -n "$(ls "$jars"/esproc-*.jar 2>/dev/null)" ] || mvn -B -q -Dstyle.color=never -f "$here/../pom.xml" package
for p in "$port" $((port + 1)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done

work=$(mktemp -d)
names=("esproc-verify-$$-1" "esproc-verify-$$-2")
cleanup() { docker rm -f "${names[@]}" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
javac -d "$work/classes" -cp "$jars/*" "$here/EsprocUnitCheck.java"
check() { java -Djava.awt.headless=true -cp "$work/classes:$jars/*" EsprocUnitCheck "$@"; }
now_ms() { date +%s%3N; }
memory() {  # a unit's memory as docker stats and ps see it
  echo "$(docker stats --no-stream --format '{{.MemUsage}}' "$1") (docker stats), java RSS" \
       "$(docker exec "$1" ps -o rss,args | awk '/java/ && !/awk/ {print $1; exit}')"
}
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run_unit NAME PORT HOME SHARE: docker run exactly as the agent does; prints the container id
run_unit() {
  docker run -d --name "$1" --init --security-opt no-new-privileges --cap-drop ALL \
    --memory 512m --memory-swap 512m --cpu-shares 512 -e UNIT_PORT="$2" -e UNIT_CPU_SHARES=512 \
    -p "$2:$2" -v "$3:/app" -v "$3/demo:/demo" -v "$4:/share:ro" "$image"
}
# ready_ms NAME T0: ms from T0 (epoch ms) to the log line "Node server is running at" (docker's timestamp)
ready_ms() {
  local deadline=$((SECONDS + 60)) line
  while [ $SECONDS -lt $deadline ]; do
    line=$(docker logs -t "$1" 2>&1 | grep -m1 'Node server is running at' || true)
    if [ -n "$line" ]; then echo $(( $(date -d "${line%% *}" +%s%3N) - $2 )); return; fi
    [ "$(docker inspect -f '{{.State.Running}}' "$1")" = true ] || break
    sleep 0.05
  done
  echo -1
}

echo "== 1. user config + share ($image, port $port)"
home="$work/home"; share="$work/share"
mkdir -p "$home"/{config,data,demo} "$share"
cat > "$home/config/raqsoftConfig.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Config Version="3">
    <Runtime>
        <DBList>
        </DBList>
        <Esproc>
            <charSet>UTF-8</charSet>
            <splPathList>
                <splPath>/demo</splPath>
            </splPathList>
            <mainPath>/app/data</mainPath>
            <parallelNum>1</parallelNum>
            <cursorParallelNum>1</cursorParallelNum>
        </Esproc>
        <Logger>
            <Level>INFO</Level>
        </Logger>
    </Runtime>
    <!-- written by verify-unit.sh -->
</Config>
XML
cat > "$home/config/unitServer.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<SERVER Version="3">
    <Hosts>
        <Host ip="0.0.0.0" port="$port" maxTaskNum="4" preferredTaskNum="2">
        </Host>
    </Hosts>
    <EnabledClients check="false">
    </EnabledClients>
</SERVER>
XML
echo "shared by the admin $$" > "$share/shared-note.txt"

check 127.0.0.1 "$port" 4 60 > "$work/check1.out" 2>&1 &   # polls isAlive while the unit starts
checker=$!
t0=$(now_ms)
run_unit "${names[0]}" "$port" "$home" "$share" >/dev/null
t_run=$(( $(now_ms) - t0 ))
t_ready=$(ready_ms "${names[0]}" "$t0")
wait "$checker" && check_rc=0 || check_rc=$?
grep -v -e '^$' -e '^\[' -e '^INFO' -e '^Log level' "$work/check1.out" | sed 's/^/   /'
t_alive=$(( $(grep -o 'aliveAtEpochMs=[0-9]*' "$work/check1.out" | cut -d= -f2 || echo "$t0") - t0 ))
echo "docker run returned after ${t_run} ms; log 'Node server is running at' after ${t_ready} ms; first isAlive()=true after ${t_alive} ms"
[ "$check_rc" = 0 ] || fail "EsprocUnitCheck"
[ "$t_ready" -ge 0 ] || fail "no 'Node server is running at' in the log"
! docker logs "${names[0]}" 2>&1 | grep -q 'Fontconfig head is null' || fail "'Fontconfig head is null' in the log"
for f in raqsoftConfig.xml unitServer.xml; do
  docker exec "${names[0]}" cat "/opt/esproc/config/$f" | cmp -s - "$home/config/$f" || fail "$f not copied into the config dir"
done
docker exec "${names[0]}" cat /opt/esproc/config/shared-note.txt | cmp -s - "$share/shared-note.txt" \
  || fail "/share file not copied into the config dir"
echo "config dir in the container: $(docker exec "${names[0]}" ls /opt/esproc/config | tr '\n' ' ')"
sleep 5
echo "idle after the checks: $(memory "${names[0]}")"
t_stop=$(now_ms); docker stop "${names[0]}" >/dev/null; echo "docker stop took $(( $(now_ms) - t_stop )) ms (exit code $(docker inspect -f '{{.State.ExitCode}}' "${names[0]}"))"

echo "== 2. no config: generated files, task counts from UNIT_CPU_SHARES=512"
home2="$work/home2"; mkdir -p "$home2"/{config,data,demo} "$work/share2"
port2=$((port + 1))
t0=$(now_ms)
run_unit "${names[1]}" "$port2" "$home2" "$work/share2" >/dev/null
t_ready=$(ready_ms "${names[1]}" "$t0")
echo "log 'Node server is running at' after ${t_ready} ms"
docker logs "${names[1]}" 2>&1 | grep -E '^(generated|copied|starting)' | sed 's/^/   /'
sleep 3
echo "idle before any request: $(memory "${names[1]}")"
check 127.0.0.1 "$port2" 2 30 2>&1 | grep -v -e '^$' -e '^\[' -e '^INFO' -e '^Log level' | sed 's/^/   /' || true
check 127.0.0.1 "$port2" 2 30 >/dev/null 2>&1 || fail "EsprocUnitCheck on the generated config"
docker exec "${names[1]}" grep -q "<Host ip=\"0.0.0.0\" port=\"$port2\" maxTaskNum=\"2\" preferredTaskNum=\"1\">" \
  /opt/esproc/config/unitServer.xml || fail "generated unitServer.xml"

echo "image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1000/1000}')"
if [ "$failures" = 0 ]; then echo "verify-unit: all checks passed"; else echo "verify-unit: $failures check(s) failed"; exit 1; fi
