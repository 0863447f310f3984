#!/usr/bin/env bash
# Stand-ins for the Dockerfile's base images, which cannot be pulled here (no registry but npm's and
# Debian's), built from this machine's Node.js under names of their own, never the real images'
# (the test passes them as BUILD_IMAGE and RUNTIME_IMAGE, and removes them afterwards):
#   localhost/scopegate-test/node:<v>-bookworm  Debian bookworm (debootstrap) + python3, make, g++
#     + this node, npm and node headers, trusting this machine's certificate authorities (its
#     egress goes through an intercepting proxy)
#   localhost/scopegate-test/node:<v>-bookworm-slim  only this node binary, the libraries it
#     links, and the `node` user
# Usage: standin-images.sh <node major the Dockerfile names>
set -euo pipefail
version=${1:?node major version}

# podman (with runc, which podman runs containers with here) and debootstrap, from Debian.
missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

build_tag="localhost/scopegate-test/node:${version}-bookworm"
slim_tag="localhost/scopegate-test/node:${version}-bookworm-slim"
work=${STANDIN_DIR:-/var/tmp/scopegate-standin}
node_bin=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")

users() {
  mkdir -p "$1/etc" "$1/home/node" "$1/tmp"
  chmod 1777 "$1/tmp"
  grep -q '^node:' "$1/etc/passwd" 2>/dev/null || echo 'node:x:1000:1000:node:/home/node:/bin/sh' >> "$1/etc/passwd"
  grep -q '^node:' "$1/etc/group" 2>/dev/null || echo 'node:x:1000:' >> "$1/etc/group"
  grep -q '^root:' "$1/etc/passwd" || echo 'root:x:0:0:root:/root:/bin/sh' >> "$1/etc/passwd"
  grep -q '^root:' "$1/etc/group" || echo 'root:x:0:' >> "$1/etc/group"
  chown 1000:1000 "$1/home/node"
}

if ! podman image exists "$build_tag"; then
  root="$work/build-root"
  if [[ ! -x "$root/usr/bin/g++" ]]; then
    rm -rf "$root"
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    debootstrap --variant=minbase --include=python3,make,g++,ca-certificates bookworm "$root" \
      "${mirror:-http://deb.debian.org/debian}"
  fi
  install -D "$node_bin" "$root/usr/local/bin/node"
  rm -rf "$root/usr/local/lib/node_modules/npm"
  mkdir -p "$root/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  rm -rf "$root/usr/local/include/node"
  mkdir -p "$root/usr/local/include"
  cp -a "$(dirname "$(dirname "$node_bin")")/include/node" "$root/usr/local/include/node"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  users "$root"
  tar -C "$root" -c . | podman import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV npm_config_nodedir=/usr/local' - "$build_tag"
fi

if ! podman image exists "$slim_tag"; then
  root="$work/slim-root"
  rm -rf "$root"
  install -D "$node_bin" "$root/usr/local/bin/node"
  for library in $(ldd "$node_bin" | grep -o '/[^ ]*'); do
    install -D "$(readlink -f "$library")" "$root$library"
  done
  users "$root"
  tar -C "$root" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - "$slim_tag"
fi
