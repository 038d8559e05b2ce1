# Installation layout and the Debian package (cmake --build build --target package).
include(GNUInstallDirs)

install(TARGETS xmflowd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET xmflow)
    install(TARGETS xmflow RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES resources/xmflow.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES resources/icons/xmflow.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    # The translations are compiled into xmflow; the .qm files are shipped too, for tools.
    install(DIRECTORY ${CMAKE_BINARY_DIR}/app/gui/i18n/ DESTINATION ${CMAKE_INSTALL_DATADIR}/xmflow/translations
            FILES_MATCHING PATTERN "*.qm")
endif()
# The GUI opens it when no MailRoot is given (sampleMailRoot() looks in ../share/xmflow).
install(DIRECTORY resources/sample-mailroot DESTINATION ${CMAKE_INSTALL_DATADIR}/xmflow)
# /usr/lib/systemd/system: where systemd looks on Debian 12 (merged /usr).
install(FILES resources/xmflowd.service DESTINATION lib/systemd/system)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME xmflow)
set(CPACK_PACKAGE_VENDOR "xmflow")
set(CPACK_PACKAGE_CONTACT "xmflow maintainers <xmflow@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "XMail 1.27 policy flowchart, simulator and SMTP front (xmflowd)")
set(CPACK_PACKAGE_DESCRIPTION
    "xmflow shows what an XMail 1.27 MailRoot does with each SMTP client: a flowchart of the\n"
    "real evaluation order, a simulator, and xmflowd, an SMTP front that enforces the same\n"
    "policy and lets authenticated users skip the anti-spam delay.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_SOURCE_DIR}/resources/packaging/postinst"
    "${CMAKE_CURRENT_SOURCE_DIR}/resources/packaging/prerm"
    "${CMAKE_CURRENT_SOURCE_DIR}/resources/packaging/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
