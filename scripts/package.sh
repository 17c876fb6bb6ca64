#!/usr/bin/env bash
# scripts/package.sh — `make package`: the Debian package of a release, then lintian on it.
#
# Why: hosts install ClickNBack from a package, not from a build on the server (docs/deploy.md). The package
# holds the release binary linked with Swift's static standard library (the host needs no toolchain), its two
# resource bundles, the systemd units, the migrations, the system user (sysusers.d) and an env example.
#
# Layout on the host:
#   /usr/lib/clicknback/clicknback            the binary, with clicknback_*.resources beside it
#   /usr/bin/clicknback                       a link to it
#   /usr/share/clicknback/migrations/         what `clicknback migrate` applies (MIGRATIONS_DIR in the units)
#   /lib/systemd/system/clicknback-*          the units; /usr/lib/sysusers.d/clicknback.conf the user
#   /usr/share/doc/clicknback/                copyright, changelog, deploy and runbook docs, the env example
#   /etc/clicknback/                          made by postinst for the env file the operator writes
#   /var/lib/clicknback/                      the services' state directory (StateDirectory=)
#
# Usage: scripts/package.sh            build, package, lintian (errors fail the script)
# Env:   SWIFT_BUILD_FLAGS  extra flags for the release build (CI: "-Xswiftc -warnings-as-errors")
#        PACKAGE_DIR   where the .deb goes (default .build/deb); its path is the last line printed
#        SKIP_BUILD=1  package the binary already in .build/release (built with --static-swift-stdlib)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
out=${PACKAGE_DIR:-$root/.build/deb}
version=$(tr -d ' \n' <VERSION)
arch=$(dpkg --print-architecture)
name=clicknback

log() { echo "package: $*" >&2; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    log "release build with Swift's static standard library (several minutes from scratch)"
    read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}" # a list of flags: split on whitespace
    swift build -c release --static-swift-stdlib --product clicknback "${build_flags[@]}" >&2
fi
bin=.build/release/clicknback
if ldd "$bin" | grep -q libswift; then
    log "$bin loads the Swift runtime dynamically: build it with --static-swift-stdlib" >&2
    exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/$name
install -d -m 0755 "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/lib/$name" "$pkg/usr/share/$name/migrations" \
    "$pkg/lib/systemd/system" "$pkg/usr/lib/sysusers.d" "$pkg/usr/share/doc/$name/examples" \
    "$pkg/usr/share/lintian/overrides"

log "staging files"
install -m 0755 "$bin" "$pkg/usr/lib/$name/$name"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$pkg/usr/lib/$name/$name"
for bundle in .build/release/clicknback_*.resources; do
    cp -r "$bundle" "$pkg/usr/lib/$name/"
done
ln -s "../lib/$name/$name" "$pkg/usr/bin/$name"
install -m 0644 migrations/*.sql "$pkg/usr/share/$name/migrations/"
install -m 0644 systemd/*.service systemd/*.timer "$pkg/lib/systemd/system/"
install -m 0644 systemd/clicknback.sysusers "$pkg/usr/lib/sysusers.d/$name.conf"
install -m 0644 systemd/clicknback.env.example "$pkg/usr/share/doc/$name/examples/clicknback.env.example"
install -m 0644 packaging/copyright "$pkg/usr/share/doc/$name/copyright"
for doc in docs/deploy.md docs/runbook.md; do
    gzip -9nc "$doc" >"$pkg/usr/share/doc/$name/$(basename "$doc").gz"
done
sed "s/@VERSION@/$version/; s/@DATE@/$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")/" \
    packaging/changelog | gzip -9n >"$pkg/usr/share/doc/$name/changelog.gz"
install -m 0644 packaging/lintian-overrides "$pkg/usr/share/lintian/overrides/$name"
find "$pkg/usr/lib/$name" -type d -exec chmod 0755 {} +
find "$pkg/usr/lib/$name" -type f ! -name "$name" -exec chmod 0644 {} +

log "dependencies of the binary (dpkg-shlibdeps)"
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
    log "dpkg-shlibdeps is missing; installing dpkg-dev"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev >/dev/null
fi
mkdir -p "$stage/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O "$name/usr/lib/$name/$name" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')

installed_size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@SIZE@/$installed_size/" packaging/control >"$pkg/DEBIAN/control"
install -m 0755 packaging/postinst packaging/postrm "$pkg/DEBIAN/"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/md5sums" "$pkg/DEBIAN/control"

mkdir -p "$out"
deb=$out/${name}_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
log "built $deb ($(du -h "$deb" | cut -f1))"

if ! command -v lintian >/dev/null 2>&1; then
    log "lintian is missing; installing it"
    apt-get update -qq >/dev/null # a fresh machine may have no package lists yet
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null
fi
log "lintian (errors fail the package; warnings are listed)"
lintian --allow-root --fail-on error "$deb" >&2
echo "$deb"
