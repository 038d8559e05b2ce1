#!/usr/bin/env bash
# Installs the Debian packages xmflow needs, only when something is missing.
set -euo pipefail

XMFLOW_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools linguist-qt6 qt6-translations-l10n libgl-dev
    libqcustomplot-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    python3 swaks dnsmasq-base openssl libc-ares-dev
    xvfb xauth fonts-noto-cjk
    clang libclang-rt-dev
)

missing=()
for pkg in "${XMFLOW_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "xmflow: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
