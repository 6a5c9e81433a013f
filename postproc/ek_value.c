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

/* Decimal or 0x-hex integer text, or true/false. 1 ok, 0 not a number. */
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
    if (i >= n || n - i > 18)
        return 0;
    int64_t v = 0;
    for (; i < n; i++) {
        int c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return 0;
        v = v * base + d;
    }
    *out = neg ? -v : v;
    return 1;
}

/* A scalar as an integer in [lo, hi]: 1 ok, 0 absent, -1 unreadable. */
int ek_get_int(struct json_object *v, int64_t lo, int64_t hi, int64_t *out)
{
    v = ek_first(v);
    if (!v)
        return 0;
    int64_t x;
    switch (json_object_get_type(v)) {
    case json_type_boolean: x = json_object_get_boolean(v); break;
    case json_type_int: x = json_object_get_int64(v); break;
    case json_type_double: {
        double d = json_object_get_double(v);
        if (!(d >= (double)lo && d <= (double)hi) || d != (double)(int64_t)d)
            return -1;
        x = (int64_t)d;
        break;
    }
    case json_type_string:
        if (!ek_parse_int_text(json_object_get_string(v), (size_t)json_object_get_string_len(v), &x))
            return -1;
        break;
    default: return -1;
    }
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 1;
}

/* A scalar as text, cut at HSR_MAX_STRING: 1 ok, 0 absent, -1 unreadable. */
int ek_get_str(struct json_object *v, ek_str_t *out)
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

/* "1700000000.123456789" (or a number) to whole seconds, rounded down. */
int ek_get_epoch(struct json_object *v, int64_t *out)
{
    v = ek_first(v);
    if (!v)
        return 0;
    if (json_object_is_type(v, json_type_int)) {
        int64_t x = json_object_get_int64(v);
        if (x > AGG_TIME_MAX || x < -AGG_TIME_MAX)
            return -1;
        *out = x;
        return 1;
    }
    if (json_object_is_type(v, json_type_double)) {
        double d = json_object_get_double(v);
        if (!(d > -(double)AGG_TIME_MAX && d < (double)AGG_TIME_MAX))
            return -1;
        int64_t s = (int64_t)d;
        *out = (double)s > d ? s - 1 : s;
        return 1;
    }
    if (!json_object_is_type(v, json_type_string))
        return -1;
    const char *s = json_object_get_string(v);
    size_t n = (size_t)json_object_get_string_len(v), i = 0;
    int neg = 0, frac = 0;
    if (i < n && s[i] == '-')
        neg = 1, i++;
    size_t digits = 0;
    int64_t x = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        if (digits >= 17)
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    if (digits == 0)
        return -1;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            frac |= s[i] != '0';
    }
    if (i != n)
        return -1;
    *out = neg ? -x - (frac ? 1 : 0) : x;
    return 1;
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
    ek_str_t s = {0};
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

