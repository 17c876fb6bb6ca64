#!/usr/bin/env bash
# scripts/vendor-swagger-ui.sh — reproduces Sources/HTTPAPI/Resources/docs/swagger-ui-bundle.js and
# swagger-ui.css from PyPI (ADR 021).
#
# Why: /docs is Swagger UI served from the binary's resources, with no CDN. Its dist files are taken from
# the flask-openapi3-swagger wheel, which packages Swagger UI's releases; the wheel is pinned and its
# SHA-256 checked, so the checked-in files can always be traced to it and rebuilt.
#
# Usage: scripts/vendor-swagger-ui.sh [VERSION SHA256]   (defaults: the version checked in)
# Needs: pip (network access to PyPI), unzip or python3.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=${1:-5.31.0}
sha256=${2:-748c57decbb56ae03301ef5731bbe1faddf8d37c7e8dc11d254b0c2c9026acdd}
dest=Sources/HTTPAPI/Resources/docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "vendor-swagger-ui: downloading flask-openapi3-swagger $version from PyPI"
python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$work" "flask-openapi3-swagger==$version"
wheel=$(echo "$work"/flask_openapi3_swagger-"$version"-*.whl)
echo "$sha256  $wheel" | sha256sum --check --quiet -
python3 - "$wheel" "$dest" <<'PY'
import sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    for member, name in (("js/swagger-ui-bundle.js", "swagger-ui-bundle.js"), ("css/swagger-ui.css", "swagger-ui.css")):
        with open(f"{dest}/{name}", "wb") as out:
            out.write(archive.read(f"flask_openapi3_swagger/templates/swagger/{member}"))
PY
echo "vendor-swagger-ui: wrote $dest/swagger-ui-bundle.js and $dest/swagger-ui.css (Swagger UI $version)"
