#!/usr/bin/env bash
# Makes a Pulumi CLI (pulumi, the Node.js, YAML, Go and Python language hosts, pulumi-resource-pulumi-nodejs)
# available on a machine that cannot download it, and prints the bin folder that holds them.
#
# Order: a complete CLI already on PATH; the cache that the `pulumi` npm package and the Automation API
# share ($PULUMI_HOME/versions/<version>/bin); else a build from Go modules into that cache, of only the
# parts the cache lacks (a cache from before the YAML, Go or Python hosts is completed, not rebuilt).
#
#   PULUMI_CLI_VERSION   version to build or find in the cache (default below)
#   PULUMI_HOME          default ~/.pulumi
#   PULUMI_CLI_IGNORE_PATH=true   skip a pulumi found on PATH
set -euo pipefail

version="${PULUMI_CLI_VERSION:-3.274.1}"
pulumi_home="${PULUMI_HOME:-$HOME/.pulumi}"
cache_bin="$pulumi_home/versions/$version/bin"
# The last release whose sdk/v3 module still carried the Node.js language host as a package; later
# releases moved it to a module of its own that has no tags, so a proxy may not serve it.
legacy_host_sdk="v3.68.0"
# The YAML language host, a module of its own with tags.
yaml_host_version="v1.25.0"
# The last release whose sdk/v3 module still carried the Go language host as a package (later it is a module
# of its own without tags). The protocol is stable: it builds and runs the program's own sdk/v3.
legacy_go_host_sdk="v3.66.0"
# The same for the Python language host and the script it runs programs with: it runs the program's own `pulumi`
# package, whichever version the program's virtual environment holds.
legacy_python_host_sdk="v3.66.0"

log() { echo "provision-pulumi-cli: $*" >&2; }

parts="pulumi pulumi-language-nodejs pulumi-language-yaml pulumi-language-go pulumi-language-python
    pulumi-language-python-exec pulumi-resource-pulumi-nodejs"

complete_bin() {
    local part
    for part in $parts; do
        [ -x "$1/$part" ] || return 1
    done
}

if [ "${PULUMI_CLI_IGNORE_PATH:-}" != "true" ] && command -v pulumi >/dev/null 2>&1; then
    on_path="$(dirname "$(command -v pulumi)")"
    if complete_bin "$on_path"; then
        log "using the pulumi on PATH in $on_path"
        echo "$on_path"
        exit 0
    fi
    log "the pulumi on PATH ($on_path) lacks a language host or the dynamic-provider shim; looking further"
fi

if complete_bin "$cache_bin"; then
    log "using the cached CLI in $cache_bin"
    echo "$cache_bin"
    exit 0
fi

# One build at a time per cache: test runners started side by side wait for the first build instead of racing it.
mkdir -p "$pulumi_home"
exec 9>"$pulumi_home/.provision-v$version.lock"
if ! flock -n 9; then
    log "another process is building the CLI into $cache_bin; waiting for it"
    flock 9
fi
if complete_bin "$cache_bin"; then
    log "using the cached CLI in $cache_bin"
    echo "$cache_bin"
    exit 0
fi

command -v go >/dev/null 2>&1 || {
    log "no pulumi on PATH, none in $cache_bin, and no Go toolchain to build one"
    exit 1
}

export CGO_ENABLED=0 GOFLAGS="-mod=mod"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"

# Builds one main package from a throwaway module that requires the given modules at the given versions.
build_main() { # <dir> <output> <package> <module@version>...
    local dir="$1" out="$2" pkg="$3"
    shift 3
    mkdir -p "$dir"
    (
        cd "$dir"
        printf 'module pulumi-cli-build\n\ngo 1.22\n' >go.mod
        printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >tools.go
        go get "$@" >&2
        go mod tidy >&2
        go build -ldflags "$ldflags" -o "$out" "$pkg" >&2
    )
}

mkdir -p "$work/bin"
# Only the parts the cache lacks are built; the ones it holds may be running right now and stay as they are.
missing() { [ ! -x "$cache_bin/$1" ]; }

if missing pulumi; then
    log "building pulumi v$version from Go modules (the first build takes several minutes)"
    build_main "$work/cli" "$work/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
        "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version"
fi

if missing pulumi-language-nodejs; then
    # The language host: its own module at the release's commit when the proxy names that commit and serves it.
    host_module="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
    info="$(cd "$work" && go mod download -json "github.com/pulumi/pulumi/sdk/v3@v$version" 2>/dev/null || true)"
    commit="$(printf '%s' "$info" | sed -n 's/.*"Hash": *"\([0-9a-f]*\)".*/\1/p' | head -n 1)"
    built_host=""
    if [ -n "$commit" ]; then
        log "building pulumi-language-nodejs at commit $commit"
        if build_main "$work/host" "$work/bin/pulumi-language-nodejs" "$host_module" "$host_module@$commit" \
            "github.com/pulumi/pulumi/sdk/v3@v$version"; then
            built_host="yes"
        fi
    fi
    if [ -z "$built_host" ]; then
        log "the language host module is not served at v$version; building the one released in sdk/v3@$legacy_host_sdk"
        build_main "$work/legacy-host" "$work/bin/pulumi-language-nodejs" \
            github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "github.com/pulumi/pulumi/sdk/v3@$legacy_host_sdk"
    fi
fi

# Pulumi YAML programs run in this host, which also reads the schemas of the packages they use.
if missing pulumi-language-yaml; then
    log "building pulumi-language-yaml $yaml_host_version"
    build_main "$work/yaml-host" "$work/bin/pulumi-language-yaml" \
        github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "github.com/pulumi/pulumi-yaml@$yaml_host_version"
fi

# Go programs: the host compiles the program (with the sdk/v3 version the program requires) and runs it.
if missing pulumi-language-go; then
    log "building pulumi-language-go from sdk/v3@$legacy_go_host_sdk"
    build_main "$work/go-host" "$work/bin/pulumi-language-go" \
        github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go "github.com/pulumi/pulumi/sdk/v3@$legacy_go_host_sdk"
fi

# Python programs: the host runs `python3` (the one on PATH: an activated virtual environment's) on its exec script,
# which it looks for beside itself and which the module carries beside the host's package.
if missing pulumi-language-python || missing pulumi-language-python-exec; then
    log "building pulumi-language-python from sdk/v3@$legacy_python_host_sdk"
    build_main "$work/python-host" "$work/bin/pulumi-language-python" \
        github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python "github.com/pulumi/pulumi/sdk/v3@$legacy_python_host_sdk"
    sdk_dir="$(cd "$work/python-host" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
    install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$work/bin/pulumi-language-python-exec"
fi

# The released CLI ships this shim: the engine starts it for every dynamic provider, and it runs the
# provider host of the @pulumi/pulumi that the program itself installed.
if missing pulumi-resource-pulumi-nodejs; then
    cat >"$work/bin/pulumi-resource-pulumi-nodejs" <<'SHIM'
#!/bin/sh
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
SHIM
fi

mkdir -p "$cache_bin"
for built in "$work/bin/"*; do
    # Renamed into place, so a process running the old file keeps it and the next one starts the new.
    chmod +x "$built"
    cp "$built" "$cache_bin/.$(basename "$built").new"
    mv -f "$cache_bin/.$(basename "$built").new" "$cache_bin/$(basename "$built")"
done
log "built into $cache_bin"
echo "$cache_bin"
