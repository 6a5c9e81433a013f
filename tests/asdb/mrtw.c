/*
 * mrtw.c - the tests' MRT writer (see mrtw.h).
 */
#include "mrtw.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(mrtw_t *w, size_t k)
{
    if (w->cap - w->n >= k)
        return;
    size_t cap = w->cap ? w->cap : 256;
    while (cap - w->n < k)
        cap *= 2;
    w->b = realloc(w->b, cap);
    if (!w->b)
        abort();
    w->cap = cap;
}

void mrtw_free(mrtw_t *w)
{
    free(w->b);
    memset(w, 0, sizeof *w);
}

void mrtw_bytes(mrtw_t *w, const void *p, size_t n)
{
    reserve(w, n);
    memcpy(w->b + w->n, p, n);
    w->n += n;
}

void mrtw_u8(mrtw_t *w, unsigned v)
{
    uint8_t b = (uint8_t)v;
    mrtw_bytes(w, &b, 1);
}

void mrtw_u16(mrtw_t *w, unsigned v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    mrtw_bytes(w, b, 2);
}

void mrtw_u32(mrtw_t *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    mrtw_bytes(w, b, 4);
}

size_t mrtw_begin(mrtw_t *w, uint32_t ts, unsigned type, unsigned subtype)
{
    size_t start = w->n;
    mrtw_u32(w, ts);
    mrtw_u16(w, type);
    mrtw_u16(w, subtype);
    mrtw_u32(w, 0);
    return start;
}

static void put32_at(mrtw_t *w, size_t at, uint32_t v)
{
    w->b[at] = (uint8_t)(v >> 24);
    w->b[at + 1] = (uint8_t)(v >> 16);
    w->b[at + 2] = (uint8_t)(v >> 8);
    w->b[at + 3] = (uint8_t)v;
}

void mrtw_end(mrtw_t *w, size_t start)
{
    put32_at(w, start + 8, (uint32_t)(w->n - start - 12));
}

/* One segment into w. */
static void segment(mrtw_t *w, unsigned type, const uint32_t *as, unsigned n, unsigned as_size)
{
    mrtw_u8(w, type);
    mrtw_u8(w, n);
    for (unsigned i = 0; i < n; i++) {
        if (as_size == 4)
            mrtw_u32(w, as[i]);
        else
            mrtw_u16(w, as[i]);
    }
}

/* The segments of a text path into w (as_size-byte numbers): numbers
 * separated by blanks make AS_SEQUENCEs, "{a,b,c}" an AS_SET. */
static void path_value(mrtw_t *w, const char *path, unsigned as_size)
{
    uint32_t seq[255];
    unsigned n = 0;
    const char *p = path;
    for (;;) {
        while (*p == ' ')
            p++;
        if (*p == '\0' || *p == '{') {
            if (n)
                segment(w, 2, seq, n, as_size);
            n = 0;
            if (*p == '\0')
                return;
            uint32_t set[255];
            unsigned k = 0;
            p++;
            while (*p && *p != '}') {
                char *end;
                set[k++] = (uint32_t)strtoul(p, &end, 10);
                if (end == p || k == 255)
                    abort();
                p = *end == ',' ? end + 1 : end;
            }
            if (*p != '}')
                abort();
            p++;
            segment(w, 1, set, k, as_size);
            continue;
        }
        char *end;
        seq[n++] = (uint32_t)strtoul(p, &end, 10);
        if (end == p || n == 255)
            abort();
        p = end;
    }
}

static void attr(mrtw_t *w, unsigned flags, unsigned type, const mrtw_t *value)
{
    bool ext = value->n > 255;
    mrtw_u8(w, flags | (ext ? 0x10 : 0));
    mrtw_u8(w, type);
    if (ext)
        mrtw_u16(w, (unsigned)value->n);
    else
        mrtw_u8(w, (unsigned)value->n);
    mrtw_bytes(w, value->b, value->n);
}

void mrtw_attrs(mrtw_t *w, const char *path, unsigned as_size, const char *as4)
{
    mrtw_t v = {0};
    mrtw_u8(&v, 0); /* ORIGIN IGP */
    attr(w, 0x40, 1, &v);
    if (path) {
        v.n = 0;
        path_value(&v, path, as_size);
        attr(w, 0x40, 2, &v);
    }
    if (as4) {
        v.n = 0;
        path_value(&v, as4, 4);
        attr(w, 0xc0, 17, &v);
    }
    mrtw_free(&v);
}

void mrtw_peer_index(mrtw_t *w, uint32_t ts, unsigned peers)
{
    size_t start = mrtw_begin(w, ts, 13, 1);
    mrtw_u32(w, 0xc0000201); /* collector BGP id */
    mrtw_u16(w, 4);
    mrtw_bytes(w, "test", 4);
    mrtw_u16(w, peers);
    for (unsigned i = 0; i < peers; i++) {
        mrtw_u8(w, i % 2 ? 3 : 2); /* 4-byte AS; every other peer IPv6 */
        mrtw_u32(w, 0x0a000001 + i);
        if (i % 2) {
            uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8};
            a6[15] = (uint8_t)i;
            mrtw_bytes(w, a6, 16);
        } else {
            mrtw_u32(w, 0xc6336400 + i);
        }
        mrtw_u32(w, 64496 + i);
    }
    mrtw_end(w, start);
}

static int parse_prefix(const char *text, uint8_t addr[16], unsigned *len)
{
    char buf[64];
    const char *slash = strchr(text, '/');
    if (!slash || (size_t)(slash - text) >= sizeof buf)
        abort();
    memcpy(buf, text, (size_t)(slash - text));
    buf[slash - text] = '\0';
    *len = (unsigned)atoi(slash + 1);
    if (inet_pton(AF_INET, buf, addr) == 1)
        return 4;
    if (inet_pton(AF_INET6, buf, addr) == 1)
        return 6;
    abort();
}

void mrtw_rib(mrtw_t *w, uint32_t ts, const char *prefix, bool addpath, size_t n,
              const mrtw_route_t *routes)
{
    uint8_t addr[16];
    unsigned len;
    int family = parse_prefix(prefix, addr, &len);
    unsigned sub = family == 4 ? (addpath ? 8 : 2) : (addpath ? 10 : 4);
    static uint32_t seq;
    size_t start = mrtw_begin(w, ts, 13, sub);
    mrtw_u32(w, seq++);
    mrtw_u8(w, len);
    mrtw_bytes(w, addr, (len + 7) / 8);
    mrtw_u16(w, (unsigned)n);
    for (size_t i = 0; i < n; i++) {
        mrtw_u16(w, routes[i].peer);
        mrtw_u32(w, ts - 100);
        if (addpath)
            mrtw_u32(w, (uint32_t)i + 1);
        mrtw_t a = {0};
        mrtw_attrs(&a, routes[i].path, 4, NULL);
        mrtw_u16(w, (unsigned)a.n);
        mrtw_bytes(w, a.b, a.n);
        mrtw_free(&a);
    }
    mrtw_end(w, start);
}

void mrtw_table_dump(mrtw_t *w, uint32_t ts, const char *prefix, const char *path,
                     const char *as4)
{
    uint8_t addr[16];
    unsigned len;
    int family = parse_prefix(prefix, addr, &len);
    size_t alen = family == 4 ? 4 : 16;
    size_t start = mrtw_begin(w, ts, 12, family == 4 ? 1 : 2);
    mrtw_u16(w, 0); /* view */
    mrtw_u16(w, 1); /* sequence */
    mrtw_bytes(w, addr, alen);
    mrtw_u8(w, len);
    mrtw_u8(w, 1); /* status */
    mrtw_u32(w, ts - 100);
    uint8_t peer[16] = {198, 51, 100, 1};
    mrtw_bytes(w, peer, alen);
    mrtw_u16(w, 64496);
    mrtw_t a = {0};
    mrtw_attrs(&a, path, 2, as4);
    mrtw_u16(w, (unsigned)a.n);
    mrtw_bytes(w, a.b, a.n);
    mrtw_free(&a);
    mrtw_end(w, start);
}

bool mrtw_save(const mrtw_t *w, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(w->b, 1, w->n, f) == w->n;
    return fclose(f) == 0 && ok;
}
