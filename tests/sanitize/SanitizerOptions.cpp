// Default runtime options of every executable in a sanitizer build (XMFLOW_SANITIZE or
// XMFLOW_FUZZ): unit tests, xmflowd started by the daemon tests, and the fuzzers. Options in
// ASAN_OPTIONS / UBSAN_OPTIONS / LSAN_OPTIONS still win. Linked through xmflow_common.

#define XMFLOW_SANITIZER_HOOK extern "C" __attribute__((visibility("default"), used))

// Stop at the first error: a report that scrolls past in a passing test is worth nothing.
XMFLOW_SANITIZER_HOOK const char *__asan_default_options()
{
    return "halt_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1";
}

XMFLOW_SANITIZER_HOOK const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

XMFLOW_SANITIZER_HOOK const char *__lsan_default_options()
{
    return "suppressions=" XMFLOW_LSAN_SUPPRESSIONS ":print_suppressions=0";
}
