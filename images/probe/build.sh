#!/usr/bin/env bash
# Builds berth/probe:<tag>, the small unit image Berth starts by default until the esProc image exists.
# No registry is reachable, so the image is imported from a root file system made of Debian's static busybox:
# its httpd serves a page on $UNIT_PORT, which is what the agent's readiness check asks for.
set -euo pipefail
tag=${1:?usage: build.sh <tag>}
here=$(cd "$(dirname "$0")" && pwd)
busybox=$(command -v busybox || echo /bin/busybox)
[ -x "$busybox" ] || { echo "busybox is missing: apt-get install busybox-static" >&2; exit 1; }
file "$busybox" 2>/dev/null | grep -q 'statically linked' || ldd "$busybox" 2>&1 | grep -q 'not a dynamic' \
  || { echo "$busybox is not statically linked: apt-get install busybox-static" >&2; exit 1; }

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,www,tmp,app,demo,share}
cp "$busybox" "$rootfs/bin/busybox"
for tool in sh httpd cat ls; do ln -s busybox "$rootfs/bin/$tool"; done
cp "$here/index.html" "$rootfs/www/index.html"
cp "$here/start.sh" "$rootfs/bin/start.sh"
chmod 0755 "$rootfs/bin/start.sh"

tar -C "$rootfs" --owner=0 --group=0 -c . | docker import \
  --change 'ENTRYPOINT ["/bin/start.sh"]' \
  --change 'ENV PATH=/bin' \
  --change 'LABEL berth.readiness=http' \
  --change 'LABEL org.opencontainers.image.title=berth-probe' \
  --change "LABEL berth.inputs=${BERTH_INPUTS:-}" \
  - "berth/probe:$tag" >/dev/null
echo "built berth/probe:$tag"
