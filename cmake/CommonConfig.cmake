# One INTERFACE target carries the warnings and strict Qt defines for every xmflow target.
add_library(xmflow_common INTERFACE)
target_compile_options(xmflow_common INTERFACE
    -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor -Wcast-align
    -Wunused -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
target_compile_definitions(xmflow_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
# A fuzzing build instruments every library for libFuzzer's coverage and runs
# everything (fuzzers, unit tests, xmflowd) under ASan+UBSan.
if(XMFLOW_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "XMFLOW_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    target_compile_options(xmflow_common INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(XMFLOW_SANITIZE OR XMFLOW_FUZZ)
    target_compile_options(xmflow_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(xmflow_common INTERFACE -fsanitize=address,undefined)
    # Every executable gets the runtime options of tests/sanitize/SanitizerOptions.cpp
    # (halt on the first error, leak check, LSan suppressions); the environment can override them.
    target_sources(xmflow_common INTERFACE "${CMAKE_SOURCE_DIR}/tests/sanitize/SanitizerOptions.cpp")
    target_compile_definitions(xmflow_common INTERFACE
        XMFLOW_LSAN_SUPPRESSIONS="${CMAKE_SOURCE_DIR}/tests/sanitize/lsan.supp")
endif()
