// fast-cpp-csv-parser (Debian libfccp-dev), included once for every CSV reader: GCC 12
// flags the library's own strncpy once inlined (-Wstringop-truncation), which would
// break a warnings-as-errors build although the include is a system header.
#pragma once

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
