#!/usr/bin/env bash
# Builds the Jaeger v2 all-in-one binary with the Go toolchain into a versioned cache folder.
# `go install pkg@version` refuses Jaeger's module (its go.mod carries a `replace`), so the
# binary is built as a tool dependency of a throwaway module instead.
# Usage: jaeger.sh <version> <dest-dir>; writes <dest-dir>/jaeger and <dest-dir>/.complete.
set -euo pipefail

version="$1"
dest="$2"

[[ -f "$dest/.complete" && -x "$dest/jaeger" ]] && exit 0

command -v go >/dev/null || { echo "Go toolchain not found on PATH (needed to build Jaeger)" >&2; exit 3; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init tributary.local/jaeger-build >/dev/null 2>&1
go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@${version}"
mkdir -p "$dest"
go build -o "$dest/jaeger.partial" github.com/jaegertracing/jaeger/cmd/jaeger
mv "$dest/jaeger.partial" "$dest/jaeger"
"$dest/jaeger" version >/dev/null 2>&1 || { echo "built binary does not run" >&2; exit 4; }
touch "$dest/.complete"
