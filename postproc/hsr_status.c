/*
 * hsr_status.c - sentences for hsr_status_t.
 */
#include "hsr_status.h"

#include <stdarg.h>
#include <stdio.h>

const char *hsr_strerror(hsr_status_t status)
{
    switch (status) {
    case HSR_OK: return "success";
    case HSR_ERR_NOMEM: return "out of memory";
    case HSR_ERR_IO: return "read or write error";
    case HSR_ERR_LINE_TOO_LONG: return "line longer than the 64 MiB limit";
    case HSR_ERR_JSON: return "not valid JSON";
    case HSR_ERR_TRAILING: return "text after the JSON object";
    case HSR_ERR_NOT_OBJECT: return "JSON value is not an object";
    case HSR_ERR_NO_LAYERS: return "object has no \"layers\" (not a tshark -T ek record)";
    case HSR_ERR_BAD_LAYERS: return "\"layers\" is not an object";
    case HSR_ERR_BAD_BUCKET:
        return "bucket must be N followed by s, m, h or d (1s..366d); shorter than a day it "
               "must divide 24h, longer it must be whole days";
    case HSR_ERR_BAD_ZONE: return "not a time zone of the tz database (e.g. Asia/Tokyo, UTC)";
    case HSR_ERR_BAD_PORT: return "port must be N (TCP), tcp/N, udp/N, icmp or icmpv6";
    case HSR_ERR_BAD_ADDR: return "not an IPv4 or IPv6 address";
    case HSR_ERR_TOO_MANY: return "a limit was reached (see hsr_limits.h)";
    case HSR_ERR_BAD_STATE: return "not a honeyshark-report state file, or a damaged one";
    case HSR_ERR_STATE_MISMATCH:
        return "state files were made with different --bucket, --tz or --sensor-by";
    case HSR_ERR_NOT_EK:
        return "not tshark -T ek output (its first records are unreadable); run tshark with -T ek";
    case HSR_ERR_USAGE: return "invalid command line";
    case HSR_ERR_NUMBER_TOO_BIG: return "a number too big for 64 bits (a forged record)";
    case HSR_AGAIN: return "no complete line yet";
    }
    return "unknown status";
}

hsr_status_t hsr_fail(char *err, size_t n, hsr_status_t s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return s;
}
