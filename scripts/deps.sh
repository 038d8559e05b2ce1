#!/usr/bin/env bash
# Installs the Debian packages xmflow needs, only when something is missing.
#
# usage: scripts/deps.sh            install what is missing (apt-get, --no-install-recommends)
#        scripts/deps.sh --check    check that every external tool the tests call can do
#                                   what they need; exit 1 naming the package to install
#        scripts/deps.sh --list     print the packages and why each is needed
#
# Packages are installed without their recommendations, so a capability that Debian
# only *recommends* (swaks' TLS needs libnet-ssleay-perl) is listed here by name.
set -euo pipefail

# package|why it is needed (README's "What scripts/deps.sh installs" is this table)
XMFLOW_PACKAGE_TABLE=(
    "build-essential|C++ compiler and make"
    "cmake|build system"
    "ninja-build|fast parallel builds"
    "ccache|compiler cache shared between clones (CI builds a fresh clone)"
    "pkg-config|finds c-ares"
    "qt6-base-dev|Qt Core, Network, Widgets, PrintSupport"
    "qt6-base-dev-tools|moc, rcc, uic"
    "qt6-svg-dev|SVG icons and flowchart export"
    "qt6-tools-dev|Qt LinguistTools for CMake"
    "qt6-tools-dev-tools|Qt tools used by the build"
    "qt6-l10n-tools|lupdate and lrelease (translations)"
    "linguist-qt6|Qt Linguist, to edit translations/*.ts"
    "qt6-translations-l10n|Qt's own Japanese texts (standard dialogs)"
    "libgl-dev|OpenGL headers that Qt Widgets' CMake files ask for"
    "libqcustomplot-dev|timeline and daemon charts"
    "libc-ares-dev|asynchronous DNS resolver (DNSBL, PTR, MX)"
    "libgtest-dev|GoogleTest"
    "libgmock-dev|GoogleMock"
    "libbenchmark-dev|Google Benchmark (bench/)"
    "libqt6sql6-sqlite|SQLite driver for QtSql: the greylisting and greet-pass state store"
    "libhiredis-dev|Redis client (the state store shared by several MX hosts)"
    "redis-server|a real Redis for the shared-state tests"
    "postfix|smtp-source and smtp-sink for bench/daemon (installed unconfigured: no mail server starts)"
    "python3|smtplib client tests, the loopback SMTP sink, fuzz corpus generator"
    "swaks|a real SMTP client in the daemon tests"
    "libnet-ssleay-perl|swaks' STARTTLS (only recommended by swaks)"
    "dnsmasq-base|a real DNS server for the DNSBL/PTR/MX tests"
    "openssl|test certificates and TLS handshakes in the daemon tests"
    "xvfb|virtual display: xvfb-run scripts/run without a screen"
    "xauth|xvfb-run needs it"
    "fontconfig|fc-list, to check the Japanese fonts"
    "fonts-noto-cjk|Japanese text in the GUI and its screenshots"
    "clang|libFuzzer targets and the ASan+UBSan pass (scripts/sanitize)"
    "libclang-rt-dev|clang's sanitizer and libFuzzer runtimes"
)

XMFLOW_PACKAGES=()
for row in "${XMFLOW_PACKAGE_TABLE[@]}"; do
    XMFLOW_PACKAGES+=("${row%%|*}")
done

list_packages() {
    for row in "${XMFLOW_PACKAGE_TABLE[@]}"; do
        printf '%-24s %s\n' "${row%%|*}" "${row#*|}"
    done
}

install_missing() {
    local missing=() pkg
    for pkg in "${XMFLOW_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "xmflow: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # postfix only for its smtp-source/smtp-sink tools: "No configuration" keeps it from
    # setting itself up as this machine's mail server.
    if [[ " ${missing[*]} " == *" postfix "* ]]; then
        echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# --check: each row is "what the tests need|package that provides it|command that proves it".
check_failures=0
check() {
    local what=$1 package=$2
    shift 2
    if "$@" >/dev/null 2>&1; then
        printf '  ok      %s\n' "$what"
    else
        printf '  MISSING %s  -> apt-get install %s\n' "$what" "$package"
        check_failures=$((check_failures + 1))
    fi
}

# Captured first: grep -q would end the pipe early and pipefail would count swaks' SIGPIPE.
swaks_supports() {
    local support
    support=$(swaks --support 2>&1) || true
    grep -q "=== $1 supported" <<<"$support"
}

python_smtp_tls() {
    python3 - <<'PY'
import base64, hashlib, hmac, json, smtplib, socket, ssl, threading
assert ssl.HAS_TLSv1_3
PY
}

openssl_makes_cert() {
    local dir
    dir=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" && openssl s_client -help
    local rc=$?
    rm -rf "$dir"
    return $rc
}

clang_builds_fuzzer() {
    local dir
    dir=$(mktemp -d)
    printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
        'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }' >"$dir/f.cpp"
    clang++ -fsanitize=fuzzer,address,undefined "$dir/f.cpp" -o "$dir/f"
    local rc=$?
    rm -rf "$dir"
    return $rc
}

japanese_font() { [ -n "$(fc-list :lang=ja family)" ]; }

run_checks() {
    echo "xmflow: checking what the tests need"
    check "swaks is installed" swaks command -v swaks
    check "swaks can do STARTTLS (Net::SSLeay)" libnet-ssleay-perl swaks_supports TLS
    check "swaks can do AUTH LOGIN/PLAIN" swaks swaks_supports "Basic AUTH"
    check "swaks can do AUTH CRAM-MD5" swaks swaks_supports "AUTH CRAM-MD5"
    check "python3 with smtplib and TLS 1.3" python3 python_smtp_tls
    check "dnsmasq runs" dnsmasq-base dnsmasq --version
    check "openssl makes a certificate and has s_client" openssl openssl_makes_cert
    check "xvfb-run, Xvfb and xauth" "xvfb xauth" sh -c 'command -v xvfb-run && command -v Xvfb && command -v xauth'
    check "a Japanese font (Noto CJK)" "fonts-noto-cjk fontconfig" japanese_font
    check "clang builds a libFuzzer target with ASan+UBSan" "clang libclang-rt-dev" clang_builds_fuzzer
    check "redis-server runs" redis-server redis-server --version
    check "QtSql's SQLite driver" libqt6sql6-sqlite sh -c 'ls /usr/lib/*/qt6/plugins/sqldrivers/libqsqlite.so'
    check "lrelease and lupdate (Qt 6)" qt6-l10n-tools sh -c 'test -x /usr/lib/qt6/bin/lrelease && test -x /usr/lib/qt6/bin/lupdate'
    if [ $check_failures -gt 0 ]; then
        echo "xmflow: $check_failures check(s) failed; scripts/deps.sh installs the packages named above" >&2
        return 1
    fi
}

case "${1:-}" in
    --check) run_checks ;;
    --list) list_packages ;;
    "") install_missing ;;
    *) echo "usage: scripts/deps.sh [--check|--list]" >&2; exit 2 ;;
esac
