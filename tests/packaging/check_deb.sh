#!/usr/bin/env bash
# Builds the Debian package from this build tree with CPack and checks what it holds:
# both programs, the unit, the desktop file, icon, translations, the sample MailRoot,
# the maintainer scripts that create the system user, and the control fields.
# usage: check_deb.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

failures=0
expect() { # what, then a command that must succeed
    local what=$1
    shift
    if "$@"; then echo "ok      $what"; else echo "FAILED  $what"; failures=$((failures + 1)); fi
}
contents=$(dpkg-deb -c "$deb")
info=$(dpkg-deb -I "$deb")
has_file() { grep -qE " \./$1\$" <<<"$contents"; }
has_info() { grep -qE "$1" <<<"$info"; }

expect "xmflowd in /usr/bin" has_file "usr/bin/xmflowd"
expect "xmflow in /usr/bin" has_file "usr/bin/xmflow"
expect "systemd unit" has_file "usr/lib/systemd/system/xmflowd.service"
expect "desktop file" has_file "usr/share/applications/xmflow.desktop"
expect "icon" has_file "usr/share/icons/hicolor/scalable/apps/xmflow.svg"
expect "Japanese translation" has_file "usr/share/xmflow/translations/xmflow_ja.qm"
expect "English translation" has_file "usr/share/xmflow/translations/xmflow_en.qm"
expect "sample MailRoot" has_file "usr/share/xmflow/sample-mailroot/server.tab"
expect "README" has_file "usr/share/doc/xmflow/README.md"
expect "programs are executable" grep -qE '^-rwxr-xr-x .* \./usr/bin/xmflowd$' <<<"$contents"
expect "package name" has_info "^ Package: xmflow$"
expect "depends on Qt (shlibdeps)" has_info "^ Depends: .*libqt6core6"
expect "depends on adduser" has_info "^ Depends: .*adduser"
expect "postinst, prerm, postrm" has_info "postinst" && has_info "prerm" && has_info "postrm"

dpkg-deb -e "$deb" "$out/control"
expect "postinst creates the system user xmflowd" grep -q "adduser --system --group .* xmflowd" "$out/control/postinst"
expect "maintainer scripts are executable" test -x "$out/control/postinst" -a -x "$out/control/prerm" -a -x "$out/control/postrm"

dpkg-deb -x "$deb" "$out/root"
unit="$out/root/usr/lib/systemd/system/xmflowd.service"
for directive in "User=xmflowd" "AmbientCapabilities=CAP_NET_BIND_SERVICE" "ProtectSystem=strict" \
    "ReadWritePaths=" "NoNewPrivileges=yes" "PrivateTmp=yes" "ExecReload=/bin/kill -HUP \$MAINPID" \
    "Restart=on-failure" "ExecStart=/usr/bin/xmflowd serve"; do
    expect "unit has $directive" grep -qF "$directive" "$unit"
done
expect "packaged xmflowd runs" "$out/root/usr/bin/xmflowd" --help

if [ $failures -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all package checks passed"
