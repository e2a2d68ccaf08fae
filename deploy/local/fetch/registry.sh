#!/usr/bin/env bash
# Fetches Apicurio Registry (a schema registry with a Confluent-compatible REST API) from
# Maven Central and unpacks it into a versioned cache folder. 3.3.x archives hold the
# Quarkus fast-jar (quarkus-run.jar) at their root.
# Usage: registry.sh <version> <dest-dir>; writes <dest>/.complete last.
set -euo pipefail

version="$1"
dest="$2"

[[ -f "$dest/.complete" ]] && exit 0

command -v mvn >/dev/null || { echo "Maven (mvn) not found on PATH (needed to fetch Apicurio)" >&2; exit 3; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:${version}:tar.gz:all" \
  -DoutputDirectory="$work"
rm -rf "$dest" && mkdir -p "$dest"
tar -xzf "$work"/apicurio-registry-app-*.tar.gz -C "$dest"
run_jar="$(find "$dest" -maxdepth 3 -name quarkus-run.jar | head -1)"
[[ -n "$run_jar" ]] || { echo "no quarkus-run.jar in the Apicurio $version archive" >&2; exit 4; }
[[ "$run_jar" == "$dest/quarkus-run.jar" ]] || ln -sfn "$run_jar" "$dest/quarkus-run.jar"
touch "$dest/.complete"
