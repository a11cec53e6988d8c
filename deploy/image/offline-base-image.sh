#!/usr/bin/env bash
# A JRE base image for Jib when no container registry is reachable (air-gapped build hosts): a jlink'ed
# runtime of the local JDK 17 plus the shared libraries it needs, written as a `docker save` tarball.
# It stands in for eclipse-temurin:17-jre; use the real base image wherever a registry (or a mirror) is
# reachable. Usage:
#   deploy/image/offline-base-image.sh target/base-image.tar
#   ./mvnw -Pimage package jib:buildTar -Djib.from.image=tar://$PWD/target/base-image.tar
set -euo pipefail
out=${1:?usage: $0 <output.tar>}
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/opt/java" "$root/tmp" "$root/etc"

"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.charsets,jdk.security.auth \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java/openjdk"
# Debian's JDK links its trust store to /etc/ssl: keep the certificates themselves
if [ -L "$jdk/lib/security/cacerts" ]; then cp -L "$jdk/lib/security/cacerts" "$root/opt/java/openjdk/lib/security/cacerts"; fi
# every shared library the runtime's binaries need, and the loader
find "$root/opt/java/openjdk" \( -name '*.so' -o -path '*/bin/*' \) -type f -exec ldd {} \; 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | grep -v "$root" | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
  done
printf 'root:x:0:0:root:/root:/sbin/nologin\nlintas:x:10001:10001:lintas:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nlintas:x:10001:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"

tar --numeric-owner --owner=0 --group=0 --mtime='1970-01-01' --sort=name -C "$root" -cf "$work/layer.tar" .
python3 - "$work" <<'PY'
import hashlib, json, sys, os
work = sys.argv[1]
digest = hashlib.sha256(open(os.path.join(work, "layer.tar"), "rb").read()).hexdigest()
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java/openjdk",
                             "LANG=C.UTF-8"]},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest]},
          "history": [{"created_by": "deploy/image/offline-base-image.sh (jlink of the local JDK)"}]}
raw = json.dumps(config).encode()
name = hashlib.sha256(raw).hexdigest() + ".json"
open(os.path.join(work, name), "wb").write(raw)
json.dump([{"Config": name, "RepoTags": ["lintas-base/jre:17"], "Layers": ["layer.tar"]}],
          open(os.path.join(work, "manifest.json"), "w"))
PY
tar -C "$work" -cf "$out" manifest.json layer.tar $(cd "$work" && ls *.json | grep -v manifest.json)
echo "base image written to $out"
