#!/bin/sh
# Entry point of berth/esproc-unit: one esProc SPL node server on $UNIT_PORT (busybox sh, no bash here).
#
# Contract (what the Berth agent gives the container):
#   env UNIT_PORT        port the node listens on inside the container; published as -p P:P (required)
#   env UNIT_CPU_SHARES  the unit's --cpu-shares (default 1024); sizes the node's task counts, see below
#   env ESPROC_JAVA_OPTS extra JVM options, appended last so they win (optional)
#   /app   (rw)  the user's home: data/, demo/ (the process runs as the user's own uid, which owns it)
#   /app/config (ro) the user's raqsoftConfig.xml and unitServer.xml, as Berth's manager made them
#   /demo  a link to /app/demo in this image: the user's SPL scripts
#   /share (ro)  files shared by all units: copied into the esProc config dir
#   The root file system is read-only; $ESPROC_HOME/config and $ESPROC_HOME/nodes (the node's log) are tmpfs
#   (image label berth.writable), as is /tmp.
#
# As the vendor's start script does, the configuration is copied into $ESPROC_HOME/config on every start:
#   1. the files of /share (if any),
#   2. /app/config/raqsoftConfig.xml and /app/config/unitServer.xml (the unit's own files win over /share),
#   3. whatever is still missing is generated: raqsoftConfig.xml (UTF-8, scripts from /demo and /app/demo,
#      data in /app/data) and unitServer.xml (one Host 0.0.0.0:$UNIT_PORT),
#   4. a given unitServer.xml must list this port: the ip of that Host becomes 0.0.0.0 in the copy
#      (bridge mode); a file without a Host for $UNIT_PORT stops the unit with exit code 78.
# The node is then exec'd (PID 1 under --init gets SIGTERM and the JVM exits at once).
set -eu

: "${UNIT_PORT:?UNIT_PORT is not set}"
case "$UNIT_PORT" in *[!0-9]*|'') echo "UNIT_PORT must be a port number, not '$UNIT_PORT'" >&2; exit 2;; esac
ESPROC_HOME=${ESPROC_HOME:-/opt/esproc}
JAVA_HOME=${JAVA_HOME:-/opt/java}
config="$ESPROC_HOME/config"

# Task counts follow the CPU share, as --cpu-shares is a relative weight and not a quota the JVM could see:
#   maxTaskNum       = UNIT_CPU_SHARES / 256, at least 2 and at most 32   (512 -> 2, 1024 -> 4, 4096 -> 16)
#   preferredTaskNum = maxTaskNum / 2, at least 1
#   parallelNum      = preferredTaskNum (threads a single task may use; only in a generated raqsoftConfig.xml)
shares=${UNIT_CPU_SHARES:-1024}
case "$shares" in *[!0-9]*|'') echo "UNIT_CPU_SHARES '$shares' is not a number: using 1024" >&2; shares=1024;; esac
max_tasks=$((shares / 256))
[ "$max_tasks" -lt 2 ] && max_tasks=2
[ "$max_tasks" -gt 32 ] && max_tasks=32
preferred_tasks=$((max_tasks / 2))
[ "$preferred_tasks" -lt 1 ] && preferred_tasks=1

# True when unitServer.xml has a <Host> line with ip="0.0.0.0" and port="$UNIT_PORT" (in either order).
has_bridge_host() {
  grep '<Host[ >]' "$config/unitServer.xml" | grep "port=\"$UNIT_PORT\"" | grep -q 'ip="0.0.0.0"'
}

# Fresh config dir on every start: a restarted container must not keep files of its previous run.
mkdir -p "$config"
rm -rf "${config:?}"/* 2>/dev/null || true

if [ -d /share ] && [ -n "$(ls -A /share 2>/dev/null)" ]; then
  cp -r /share/. "$config/"
  echo "copied /share into $config: $(ls -A /share | tr '\n' ' ')"
fi

for f in raqsoftConfig.xml unitServer.xml; do
  if [ -f "/app/config/$f" ]; then
    cp "/app/config/$f" "$config/$f"
    echo "copied /app/config/$f into $config"
  fi
done

if [ ! -f "$config/raqsoftConfig.xml" ]; then
  cat > "$config/raqsoftConfig.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Config Version="3">
    <Runtime>
        <DBList>
        </DBList>
        <Esproc>
            <charSet>UTF-8</charSet>
            <splPathList>
                <splPath>/demo</splPath>
                <splPath>/app/demo</splPath>
            </splPathList>
            <dateFormat>yyyy-MM-dd</dateFormat>
            <timeFormat>HH:mm:ss</timeFormat>
            <dateTimeFormat>yyyy-MM-dd HH:mm:ss</dateTimeFormat>
            <mainPath>/app/data</mainPath>
            <tempPath/>
            <bufSize>65536</bufSize>
            <parallelNum>$preferred_tasks</parallelNum>
            <cursorParallelNum>$preferred_tasks</cursorParallelNum>
            <blockSize>1048576</blockSize>
            <nullStrings>nan,null,n/a</nullStrings>
            <fetchCount>9999</fetchCount>
            <extLibsPath/>
        </Esproc>
        <Logger>
            <Level>INFO</Level>
        </Logger>
    </Runtime>
</Config>
XML
  echo "generated $config/raqsoftConfig.xml (no /app/config/raqsoftConfig.xml)"
fi

if [ ! -f "$config/unitServer.xml" ]; then
  # EnabledClients check="false": any client that reaches the port may run SPL. Berth publishes the port
  # only where the unit's user is meant to reach it; supply a unitServer.xml with a client list to restrict.
  cat > "$config/unitServer.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<SERVER Version="3">
    <TempTimeOut>12</TempTimeOut>
    <Interval>0</Interval>
    <AutoStart>false</AutoStart>
    <ProxyTimeOut>12</ProxyTimeOut>
    <Hosts>
        <Host ip="0.0.0.0" port="$UNIT_PORT" maxTaskNum="$max_tasks" preferredTaskNum="$preferred_tasks">
        </Host>
    </Hosts>
    <EnabledClients check="false">
    </EnabledClients>
</SERVER>
XML
  echo "generated $config/unitServer.xml: 0.0.0.0:$UNIT_PORT maxTaskNum=$max_tasks preferredTaskNum=$preferred_tasks"
elif ! has_bridge_host; then
  # The node only starts on an ip:port its unitServer.xml lists, and -p must be 0.0.0.0 in a bridge-mode
  # container (the host's address, which the vendor's files list, is not local here). So the Host entry
  # of this unit's port is switched to 0.0.0.0 (its task counts kept); without such an entry the node
  # would log "Starting 0.0.0.0:P failed" and exit 0, so the unit fails here, loudly, instead.
  sed -i "/<Host[^>]*port=\"$UNIT_PORT\"/s/ip=\"[^\"]*\"/ip=\"0.0.0.0\"/" "$config/unitServer.xml"
  if has_bridge_host; then
    echo "unitServer.xml: Host of port $UNIT_PORT switched to ip 0.0.0.0 (bridge network)"
  else
    echo "unitServer.xml lists no <Host ... port=\"$UNIT_PORT\">: the node cannot serve 0.0.0.0:$UNIT_PORT" >&2
    exit 78
  fi
fi

echo "starting esProc node on 0.0.0.0:$UNIT_PORT (cpu shares $shares)"
# The heap follows the container's --memory (no fixed -Xmx). ESPROC_JAVA_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" \
  -Djava.awt.headless=true \
  -Dstart.home="$ESPROC_HOME" \
  -XX:MaxRAMPercentage=70 \
  ${ESPROC_JAVA_OPTS:-} \
  -cp "$ESPROC_HOME/lib/*" \
  com.scudata.ide.spl.ServerConsole -p "0.0.0.0:$UNIT_PORT"
