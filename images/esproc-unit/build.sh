#!/usr/bin/env bash
# Builds berth/esproc-unit:<tag>, the default unit image: one esProc SPL node server per container.
# No registry is reachable, so the image is imported from a root file system assembled here:
#   - esProc SPL and its runtime jars, fetched by Maven (pom.xml beside this script, not a root module),
#   - a JRE cut with jlink from this machine's JDK 17 (modules found by jdeps over the jars),
#   - the shared libraries that JRE links (glibc, zlib, freetype, fontconfig, ...), DejaVu fonts, C.utf8,
#   - Debian's static busybox for /bin/sh and the start script files/start-unit.sh,
#   - the licences of all of the above under /licenses.
# Downloads and the JRE are cached under target/ (and ~/.m2): after the first run it rebuilds offline.
# Needs: bash, JDK 17 (jdeps, jlink), mvn, docker, dpkg; busybox-static and fonts-dejavu-core are
# installed with apt-get when missing.
set -euo pipefail
tag=${1:?usage: build.sh <tag>}
here=$(cd "$(dirname "$0")" && pwd)
target="$here/target"
image="berth/esproc-unit:$tag"
start=$(date +%s)
say() { echo "[esproc-unit $(( $(date +%s) - start ))s] $*"; }

# --- Debian packages: busybox-static (/bin/sh, cp, ...) and fonts-dejavu-core (AWT lists fonts at start-up).
missing=()
for pkg in busybox-static fonts-dejavu-core; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
busybox=/bin/busybox
[[ "$(ldd "$busybox" 2>&1 || true)" == *"not a dynamic"* ]] || { echo "$busybox is not statically linked" >&2; exit 1; }

# --- Java: the JDK whose jlink cuts the JRE (JAVA_HOME, else the one javac belongs to).
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -x "$jdk/bin/jlink" ] || { echo "no jlink in $jdk: set JAVA_HOME to a JDK 17" >&2; exit 1; }
[[ "$("$jdk/bin/java" -version 2>&1)" == *'version "17'* ]] || { echo "$jdk is not a JDK 17" >&2; exit 1; }

# --- Jars: esProc + runtime dependencies into target/jars, their licence list into target/licenses.
# Re-run Maven only when the pom changed since the last successful run (the stamp holds its checksum).
pom_sum=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
if [ "$(cat "$target/jars.sha256" 2>/dev/null)" != "$pom_sum" ] || [ ! -f "$target/licenses/THIRD-PARTY.txt" ]; then
  say "fetching jars with Maven"
  rm -rf "$target/jars" "$target/licenses"
  mvn -B -q -Dstyle.color=never -f "$here/pom.xml" package
  echo "$pom_sum" > "$target/jars.sha256"
fi
jars=("$target"/jars/*.jar)
say "${#jars[@]} jars"

# --- JRE: jdeps finds the modules the jars use, jlink cuts the JRE; cached in target/jre under a key of
# the JDK build, the jar list and the options, so a warm build skips both (jdeps alone takes ~40 s).
extra_modules=jdk.charsets,jdk.crypto.ec,jdk.localedata,jdk.zipfs
jlink_opts=(--strip-debug --no-header-files --no-man-pages --compress=2)
jre_key=$( { "$jdk/bin/java" -version 2>&1; printf '%s\n' "${jars[@]##*/}" "$extra_modules" "${jlink_opts[*]}" cds; } \
  | sha256sum | cut -d' ' -f1)
if [ "$(cat "$target/jre.key" 2>/dev/null)" != "$jre_key" ] || [ ! -x "$target/jre/bin/java" ]; then
  say "finding modules with jdeps"
  # jdeps cannot resolve the jars as given (some are modular and require automatic modules, xml-apis splits
  # java.xml's packages), so it reads their classes unpacked into one tree, without module-info.
  classes=$(mktemp -d)
  for jar in "${jars[@]}"; do unzip -qo "$jar" -x 'META-INF/*' '*module-info.class' -d "$classes" >/dev/null 2>&1 || true; done
  modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps -q "$classes" | tail -1)
  rm -rf "$classes"
  [[ "$modules" =~ ^[a-z.,]+$ ]] || { echo "jdeps gave no module list: $modules" >&2; exit 1; }
  say "jlink: $modules,$extra_modules"
  rm -rf "$target/jre" "$target/jre.key"
  "$jdk/bin/jlink" --add-modules "$modules,$extra_modules" "${jlink_opts[@]}" --output "$target/jre"
  # Headless only: drop the X11/ALSA/splash natives so their libraries need not be shipped.
  rm -f "$target"/jre/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so
  # Default class-data-sharing archive of the JDK's classes (jlink does not make one): ~12 MB, and the
  # node reaches "running" ~0.5 s sooner. It runs on this machine: same glibc as the image.
  "$target/jre/bin/java" -Xshare:dump >/dev/null
  echo "$modules,$extra_modules" > "$target/jre.modules"
  echo "$jre_key" > "$target/jre.key"
fi

# --- Root file system.
rootfs=$(mktemp -d "$target/rootfs.XXXXXX")
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,root,app,share,tmp,var/cache/fontconfig,lib/x86_64-linux-gnu,lib64} \
         "$rootfs"/opt/esproc/{bin,lib,config} "$rootfs"/usr/{lib/locale,share/fonts/truetype/dejavu} \
         "$rootfs"/licenses/{java,debian}
chmod 1777 "$rootfs/tmp"
# The guide maps home/demo to /demo. Berth mounts only the home itself (a unit could turn home/demo into a link that
# Docker would follow on the host), so /demo is a link inside the image, resolved inside the container.
ln -s app/demo "$rootfs/demo"

cp "$busybox" "$rootfs/bin/busybox"
for tool in sh ash cat cp ls mkdir rm mv ln grep sed tr head tail ps kill sleep env id du df free top vi; do
  ln -s busybox "$rootfs/bin/$tool"
done
cp -a "$target/jre" "$rootfs/opt/java"
cp "${jars[@]}" "$rootfs/opt/esproc/lib/"
install -m 0755 "$here/files/start-unit.sh" "$rootfs/opt/esproc/bin/start-unit.sh"

# Shared libraries: what ldd reports for the JRE's launcher and natives, plus libfontconfig, which AWT
# dlopen()s (ldd cannot see it), and the dynamic loader. Copied under their soname, resolved.
fontconfig=/usr/lib/x86_64-linux-gnu/libfontconfig.so.1
libs=$( { ldd "$rootfs/opt/java/bin/java" "$rootfs"/opt/java/lib/*.so "$rootfs"/opt/java/lib/server/*.so "$fontconfig" \
            2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'; echo "$fontconfig"; } | grep -v "^$rootfs" | sort -u)
for lib in $libs; do cp -L "$lib" "$rootfs/lib/x86_64-linux-gnu/$(basename "$lib")"; done
cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/ld-linux-x86-64.so.2"
# Unresolved libraries (other than libjvm, which the launcher finds itself) would only fail at run time.
if LD_LIBRARY_PATH="$rootfs/lib/x86_64-linux-gnu" ldd "$rootfs"/opt/java/lib/*.so | grep 'not found' | grep -v libjvm.so; then
  echo "unresolved shared libraries (above)" >&2; exit 1
fi

# Locale, fonts and a minimal fontconfig with a prebuilt cache (saves the node the scan at start-up).
cp -a /usr/lib/locale/C.utf8 "$rootfs/usr/lib/locale/"
dpkg -L fonts-dejavu-core | grep '\.ttf$' | xargs -I{} cp {} "$rootfs/usr/share/fonts/truetype/dejavu/"
mkdir -p "$rootfs/etc/fonts"
cp "$here/files/fonts.conf" "$rootfs/etc/fonts/fonts.conf"
if command -v fc-cache >/dev/null; then
  # fontconfig checks each font dir's mtime to the nanosecond, and the tar below keeps whole seconds:
  # round them first, or every start rewrites the cache.
  find "$rootfs/usr/share/fonts" -type d -exec touch -d "@$(date +%s)" {} +
  FONTCONFIG_FILE="$rootfs/etc/fonts/fonts.conf" fc-cache --sysroot="$rootfs" -f >/dev/null 2>&1 || true
fi

printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

# --- Licences: esProc (Apache-2.0 + our NOTICE, the jar has neither), the jars' own LICENSE/NOTICE files
# and Maven's list of their declared licences, the JRE's legal/ notices, and the Debian copyright file of
# every package a shipped file comes from (with the common licence texts those files refer to).
mkdir -p "$rootfs/licenses/esproc"
cp /usr/share/common-licenses/Apache-2.0 "$rootfs/licenses/esproc/LICENSE"
cp "$here/files/NOTICE.esproc" "$rootfs/licenses/esproc/NOTICE"
cp "$target/licenses/THIRD-PARTY.txt" "$rootfs/licenses/java/THIRD-PARTY.txt"
for jar in "${jars[@]}"; do
  name=$(basename "$jar" .jar)
  # LICENSE/NOTICE/COPYING files wherever the jar keeps them (META-INF/, the root, license/), paths kept
  files=$(unzip -Z1 "$jar" 2>/dev/null | grep -iE '(^|/)(LICEN[CS]E|NOTICE|COPYING|DEPENDENCIES)([._-][^/]*)?$' \
          | grep -viE '\.(class|xsb)$' || true)
  [ -n "$files" ] || continue
  mkdir -p "$rootfs/licenses/java/$name"
  # shellcheck disable=SC2086
  unzip -qo "$jar" $files -d "$rootfs/licenses/java/$name" >/dev/null 2>&1 || true
done
ln -s ../opt/java/legal "$rootfs/licenses/jre"
owner() {  # the Debian package of a file; dpkg knows it by its /lib or /usr/lib name (merged /usr)
  local real; real=$(readlink -f "$1")
  for path in "$1" "$real" "${real#/usr}" "/usr$1"; do dpkg -S "$path" 2>/dev/null && return; done
  echo "no Debian package owns $1" >&2
}
pkgs=$( { for f in $libs /lib64/ld-linux-x86-64.so.2 "$jdk/lib/modules" /usr/lib/locale/C.utf8/LC_CTYPE; do owner "$f"; done
          echo "busybox-static: $busybox"; echo "fonts-dejavu-core: /usr/share/fonts"; } | cut -d: -f1 | sort -u)
for pkg in $pkgs; do
  [ -f "/usr/share/doc/$pkg/copyright" ] || continue
  mkdir -p "$rootfs/licenses/debian/$pkg"
  cp "/usr/share/doc/$pkg/copyright" "$rootfs/licenses/debian/$pkg/copyright"
done
cp -r /usr/share/common-licenses "$rootfs/licenses/debian/common-licenses"

# --- Import. Everything is owned by root; the start script is the entry point (the agent adds --init).
size=$(du -sm "$rootfs" | cut -f1)
previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
say "importing ${size} MB rootfs as $image"
tar -C "$rootfs" --owner=0 --group=0 --numeric-owner -c . | docker import \
  --change 'ENTRYPOINT ["/opt/esproc/bin/start-unit.sh"]' \
  --change 'ENV PATH=/opt/esproc/bin:/opt/java/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV ESPROC_HOME=/opt/esproc' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'WORKDIR /opt/esproc' \
  --change 'LABEL berth.readiness=esproc' \
  --change 'LABEL berth.writable=/opt/esproc/config,/opt/esproc/nodes' \
  --change 'LABEL org.opencontainers.image.title=berth-esproc-unit' \
  --change "LABEL berth.inputs=${BERTH_INPUTS:-}" \
  - "$image" >/dev/null
# The image this tag named before is left untagged: remove it unless a container still uses it.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
say "built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1000/1000}'))"
