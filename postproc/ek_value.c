/*
 * ek_value.c - one ek value (string, number, boolean or array of them) as
 * the integer, text, time or address a field needs, see ek_value.h.
 */
#include "ek_value.h"

#include <arpa/inet.h>
#include <json-c/json.h>
#include <string.h>

#include "agg_time.h"

/* A repeated field (array) stands for its first value. */
struct json_object *ek_first(struct json_object *v)
{
    if (v && json_object_is_type(v, json_type_array))
        v = json_object_array_length(v) > 0 ? json_object_array_get_idx(v, 0) : NULL;
    return v;
}

int ek_is_scalar(struct json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_string:
    case json_type_int:
    case json_type_double:
    case json_type_boolean: return 1;
    default: return 0;
    }
}

static int digit_value(int c, int base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Digits s[0..n) in base as a magnitude: 1 ok, 0 not digits, HSR_TOO_BIG
 * past 2^63 (the magnitude of INT64_MIN).  Checked before each multiply:
 * attacker text decides how many digits there are. */
static int parse_magnitude(const char *s, size_t n, int base, uint64_t *out)
{
    const uint64_t limit = (uint64_t)INT64_MAX + 1;
    uint64_t v = 0;
    int too_big = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int d = digit_value((unsigned char)s[i], base);
        if (d < 0)
            return 0; /* not a number wins over too big */
        if (v > (limit - (uint64_t)d) / (uint64_t)base)
            too_big = 1;
        else
            v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return too_big ? HSR_TOO_BIG : 1;
}

/* Decimal or 0x-hex integer text, or true/false: 1 ok, 0 not a number,
 * HSR_TOO_BIG beyond int64_t. */
int ek_parse_int_text(const char *s, size_t n, int64_t *out)
{
    if (n == 4 && memcmp(s, "true", 4) == 0) {
        *out = 1;
        return 1;
    }
    if (n == 5 && memcmp(s, "false", 5) == 0) {
        *out = 0;
        return 1;
    }
    size_t i = 0;
    int neg = 0, base = 10;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    }
    uint64_t v;
    int r = parse_magnitude(s + i, n - i, base, &v);
    if (r != 1)
        return r;
    if (!neg && v > (uint64_t)INT64_MAX)
        return HSR_TOO_BIG;
    /* -2^63 has no positive counterpart: negate in unsigned arithmetic. */
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 1;
}

/* A JSON number as int64_t: HSR_TOO_BIG when it does not fit.  json-c
 * saturates integers at INT64_MIN/MAX, so those limits count as too big. */
static int json_number(struct json_object *v, int64_t *x)
{
    if (json_object_is_type(v, json_type_int)) {
        *x = json_object_get_int64(v);
        return *x == INT64_MAX || *x == INT64_MIN ? HSR_TOO_BIG : 1;
    }
    double d = json_object_get_double(v);
    /* 2^63 is exact as a double; NaN fails both tests. */
    if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0))
        return HSR_TOO_BIG;
    if (d != (double)(int64_t)d)
        return -1; /* a fraction */
    *x = (int64_t)d;
    return 1;
}

/* A scalar as an integer in [lo, hi]: 1 ok, 0 absent, -1 unreadable,
 * HSR_TOO_BIG beyond int64_t. */
int ek_get_int(struct json_object *v, int64_t lo, int64_t hi, int64_t *out)
{
    v = ek_first(v);
    if (!v)
        return 0;
    int64_t x;
    int r;
    switch (json_object_get_type(v)) {
    case json_type_boolean:
        x = json_object_get_boolean(v);
        r = 1;
        break;
    case json_type_int:
    case json_type_double: r = json_number(v, &x); break;
    case json_type_string:
        r = ek_parse_int_text(json_object_get_string(v), (size_t)json_object_get_string_len(v),
                              &x);
        if (r == 0)
            r = -1;
        break;
    default: r = -1; break;
    }
    if (r != 1)
        return r;
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 1;
}

/* A scalar as text, cut at HSR_MAX_STRING: 1 ok, 0 absent, -1 unreadable. */
int ek_get_str(struct json_object *v, hsr_str_t *out)
{
    v = ek_first(v);
    if (!v)
        return 0;
    if (!ek_is_scalar(v))
        return -1;
    out->s = json_object_get_string(v);
    out->n = json_object_is_type(v, json_type_string) ? (size_t)json_object_get_string_len(v)
                                                      : strlen(out->s);
    if (out->n > HSR_MAX_STRING)
        out->n = HSR_MAX_STRING;
    if (out->n == 0)
        out->s = NULL; /* an empty value says nothing */
    return out->s ? 1 : 0;
}

/* Whole seconds within +-AGG_TIME_MAX, rounded down: 1, or -1 outside. */
static int epoch_in_range(int64_t secs, int has_fraction, int64_t *out)
{
    if (secs > AGG_TIME_MAX || secs < -AGG_TIME_MAX)
        return -1;
    *out = secs - (has_fraction && secs <= 0 ? 1 : 0);
    return *out < -AGG_TIME_MAX ? -1 : 1;
}

/* "1700000000.123456789" as whole seconds, rounded down. */
static int epoch_text(const char *s, size_t n, int64_t *out)
{
    size_t i = 0, dot;
    int neg = 0, frac = 0;
    if (i < n && s[i] == '-')
        neg = 1, i++;
    for (dot = i; dot < n && s[dot] != '.'; dot++)
        ;
    uint64_t v;
    int r = parse_magnitude(s + i, dot - i, 10, &v);
    if (r == 0)
        return -1;
    for (i = dot + 1; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        frac |= s[i] != '0';
    }
    if (r == HSR_TOO_BIG || (!neg && v > (uint64_t)INT64_MAX))
        return HSR_TOO_BIG;
    int64_t secs = neg ? (int64_t)(0 - v) : (int64_t)v;
    /* Below zero, a fraction rounds down to the next whole second. */
    return epoch_in_range(secs, neg && frac, out);
}

/* Digits s[0..n) as a number, or -1. */
static int fixed_digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "2014-09-25T00:00:00.123456789Z", as Wireshark 4.2 and later write
 * frame.time_epoch in the full ek layout: 1 ok, -1 unreadable. */
static int epoch_iso8601(const char *s, size_t n, int64_t *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[n - 1] != 'Z')
        return -1;
    int y = fixed_digits(s, 4), mo = fixed_digits(s + 5, 2), d = fixed_digits(s + 8, 2);
    int h = fixed_digits(s + 11, 2), mi = fixed_digits(s + 14, 2), sec = fixed_digits(s + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23 || mi < 0 ||
        mi > 59 || sec < 0 || sec > 60)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    if (n > 20) { /* a fraction: ".digits" before the Z, ignored (rounded down) */
        if (s[19] != '.' || n == 21)
            return -1;
        for (size_t i = 20; i < n - 1; i++)
            if (s[i] < '0' || s[i] > '9')
                return -1;
    }
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return epoch_in_range(t, 0, out);
}

/* "1700000000.123456789", "2023-11-14T22:13:20.123456789Z" (or a number)
 * to whole seconds, rounded down: 1 ok, 0 absent, -1 unreadable or beyond
 * +-AGG_TIME_MAX, HSR_TOO_BIG. */
int ek_get_epoch(struct json_object *v, int64_t *out)
{
    v = ek_first(v);
    if (!v)
        return 0;
    if (json_object_is_type(v, json_type_int)) {
        int64_t x;
        int r = json_number(v, &x);
        return r == 1 ? epoch_in_range(x, 0, out) : r;
    }
    if (json_object_is_type(v, json_type_double)) {
        double d = json_object_get_double(v);
        if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0))
            return HSR_TOO_BIG;
        int64_t s = (int64_t)d;
        return epoch_in_range(s, (double)s != d && d < 0, out);
    }
    if (!json_object_is_type(v, json_type_string))
        return -1;
    const char *text = json_object_get_string(v);
    size_t len = (size_t)json_object_get_string_len(v);
    if (len > 10 && text[10] == 'T')
        return epoch_iso8601(text, len, out);
    return epoch_text(text, len, out);
}

/* Dotted quad exactly as inet_ntop prints it (no leading zeros). */
int ek_ipv4_canonical(const char *s, size_t n)
{
    int parts = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        unsigned v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 3)
            v = v * 10 + (unsigned)(s[i++] - '0');
        size_t d = i - start;
        if (d == 0 || v > 255 || (d > 1 && s[start] == '0'))
            return 0;
        parts++;
        if (i == n)
            break;
        if (s[i] != '.' || parts == 4)
            return 0;
        i++;
        if (i == n)
            return 0;
    }
    return parts == 4;
}

/* Canonical address text: 1 ok, 0 absent, -1 not an address. */
int ek_get_addr(struct json_object *v, char out[HSR_MAX_ADDR])
{
    hsr_str_t s = {0};
    int r = ek_get_str(v, &s);
    if (r <= 0)
        return r;
    char tmp[HSR_MAX_ADDR];
    if (s.n >= sizeof(tmp))
        return -1;
    if (ek_ipv4_canonical(s.s, s.n)) {
        memcpy(out, s.s, s.n);
        out[s.n] = '\0';
        return 1;
    }
    memcpy(tmp, s.s, s.n);
    tmp[s.n] = '\0';
    unsigned char bin[16];
    if (inet_pton(AF_INET, tmp, bin) == 1)
        return inet_ntop(AF_INET, bin, out, HSR_MAX_ADDR) ? 1 : -1;
    if (inet_pton(AF_INET6, tmp, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, HSR_MAX_ADDR) ? 1 : -1;
    return -1;
}

