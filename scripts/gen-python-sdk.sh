#!/usr/bin/env bash
# Generates the Python SDK of a Pulumi provider plugin into <out>/python, as
# `pulumi package gen-sdk <plugin> --language python --out <out>` does, and runs exactly that when it can. That
# command has the CLI's Python language host generate the SDK; the host scripts/provision-pulumi-cli.sh builds
# (from sdk/v3@v3.66.0) predates SDK generation, so then this script reads the plugin's schema with
# `pulumi package get-schema` and runs Pulumi's own Python code generator, built from pkg/v3 at the CLI's version
# (scripts/gen-python-sdk/main.go; about a minute the first time, then cached). scripts/gen-go-sdk.sh does the
# same for Go.
#
#   scripts/gen-python-sdk.sh <plugin executable> <out dir>
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <plugin executable, such as \"\$(command -v pulumi-resource-atlas-backup-snapshots)\"> <out dir>" >&2
    exit 2
fi
plugin="$1"
out="$2"
log() { echo "gen-python-sdk: $*" >&2; }

if printed="$(pulumi package gen-sdk "$plugin" --language python --out "$out" 2>&1)"; then
    [ -z "$printed" ] || printf '%s\n' "$printed" >&2
    exit 0
fi
if ! printf '%s' "$printed" | grep -q "unknown method GeneratePackage"; then
    printf '%s\n' "$printed" >&2
    exit 1
fi
log "this CLI's Python language host cannot generate SDKs; running Pulumi's Python code generator from pkg/v3 instead"

version="$(pulumi version | sed 's/^v//')"
generator="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-backup-snapshots/gen-python-sdk-v$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ ! -x "$generator" ]; then
    log "building the generator from github.com/pulumi/pulumi/pkg/v3@v$version"
    cp "$(dirname "$0")/gen-python-sdk/main.go" "$work/"
    (
        cd "$work"
        export CGO_ENABLED=0 GOFLAGS="-mod=mod"
        printf 'module gen-python-sdk\n\ngo 1.22\n' >go.mod
        go get "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" >&2
        go mod tidy >&2
        go build -o "$work/gen-python-sdk" . >&2
    )
    mkdir -p "$(dirname "$generator")"
    mv "$work/gen-python-sdk" "$generator"
fi

pulumi package get-schema "$plugin" >"$work/schema.json"
# As gen-sdk does: the language's folder is emptied, then written.
rm -rf "$out/python"
"$generator" "$work/schema.json" "$out/python"
log "wrote $out/python"
