/*
 * ipasn.c - reads pyasn's IPASN text ("1.0.0.0/24<TAB>13335" lines, ';'
 * comments), one route per line; the first bad line stops reading with
 * "name:line: what is wrong".
 */
#include "asdb.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static asdb_status_t line_error(char *err, size_t cap, const char *name, uint64_t line,
                                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static asdb_status_t line_error(char *err, size_t cap, const char *name, uint64_t line,
                                const char *fmt, ...)
{
    int k = snprintf(err, cap, "%s:%llu: ", name, (unsigned long long)line);
    if (k >= 0 && (size_t)k < cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + k, cap - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return ASDB_BAD_INPUT;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Parses one non-comment line; NULL or what is wrong. */
static const char *parse_line(char *s, asdb_prefix_t *pfx, uint32_t *asn)
{
    char *slash = strchr(s, '/');
    if (!slash)
        return "no '/' in the prefix (want e.g. 192.0.2.0/24<TAB>64500)";
    *slash = '\0';
    uint8_t addr[16];
    int family;
    if (inet_pton(AF_INET, s, addr) == 1)
        family = 4;
    else if (inet_pton(AF_INET6, s, addr) == 1)
        family = 6;
    else
        return "not an IPv4 or IPv6 address before the '/'";
    char *p = slash + 1, *end;
    if (*p < '0' || *p > '9')
        return "prefix length is not a number";
    errno = 0;
    unsigned long len = strtoul(p, &end, 10);
    if (errno || len > (family == 4 ? 32u : 128u))
        return family == 4 ? "IPv4 prefix length above 32" : "IPv6 prefix length above 128";
    asdb_prefix_set(pfx, family, (unsigned)len, addr, family == 4 ? 4 : 16);
    if (memcmp(pfx->addr, addr, family == 4 ? 4 : 16) != 0)
        return "address has bits set past the prefix length";
    if (!blank(*end))
        return "want a tab or blanks between the prefix and the AS number";
    while (blank(*end))
        end++;
    p = end;
    if (*p < '0' || *p > '9')
        return "AS number is not a number";
    errno = 0;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || v == 0 || v > 4294967295ull)
        return "AS number not within 1..4294967295";
    while (blank(*end))
        end++;
    if (*end)
        return "text after the AS number";
    *asn = (uint32_t)v;
    return NULL;
}

asdb_status_t asdb_ipasn_read(asdb_reader_t *r, const char *name, asdb_route_fn fn, void *ctx,
                              uint64_t *lines, uint32_t *timestamp, char *err, size_t err_cap)
{
    char line[ASDB_MAX_LINE + 2];
    uint64_t no = 0;
    name = name ? name : "-";
    for (;;) {
        size_t n = 0;
        bool eof = false, nl = false;
        while (!nl) {
            uint8_t c;
            if (asdb_read(r, &c, 1) != 1) {
                eof = true;
                break;
            }
            if (c == '\n') {
                nl = true;
            } else if (c == '\0') {
                no++;
                return line_error(err, err_cap, name, no, "NUL byte: binary data, not IPASN text");
            } else if (n > ASDB_MAX_LINE) {
                no++;
                return line_error(err, err_cap, name, no, "line longer than %d bytes",
                                  ASDB_MAX_LINE);
            } else {
                line[n++] = (char)c;
            }
        }
        if (r->error) {
            snprintf(err, err_cap, "%s:%llu: read error", name, (unsigned long long)no + 1);
            return ASDB_IO;
        }
        if (eof && n == 0)
            break;
        no++;
        if (n && line[n - 1] == '\r')
            n--;
        line[n] = '\0';
        char *s = line;
        while (blank(*s))
            s++;
        if (*s == ';') {
            unsigned long long ts;
            if (timestamp && sscanf(s, "; dump-timestamp: %llu", &ts) == 1 && ts <= UINT32_MAX)
                *timestamp = (uint32_t)ts;
            continue;
        }
        if (*s == '\0')
            continue;
        asdb_prefix_t pfx;
        uint32_t asn = 0;
        const char *why = parse_line(s, &pfx, &asn);
        if (why)
            return line_error(err, err_cap, name, no, "%s", why);
        if (fn && fn(ctx, &pfx, asn)) {
            snprintf(err, err_cap, "%s:%llu: stopped by the caller", name, (unsigned long long)no);
            return ASDB_STOPPED;
        }
        if (eof)
            break;
    }
    if (lines)
        *lines = no;
    return ASDB_OK;
}
