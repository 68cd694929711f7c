# Sourced by .ci/run and every script: the Go toolchain nintei is built
# with. go.mod requires Go 1.27.3 because Go 1.26.8's standard library has
# known vulnerabilities that nintei reaches (HTTP/2 server, html/template,
# x509; scripts/govulncheck.sh lists them). A go command of an older version
# fetches this toolchain from the Go module proxy on first use (76 MB, about
# 10 s) when GOTOOLCHAIN names it; a machine whose Go sets GOTOOLCHAIN=local
# would otherwise refuse to build. The README's set-up line is the same.
export GOTOOLCHAIN=go1.27.3
