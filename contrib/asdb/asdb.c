/*
 * asdb.c - what the builder's modules share: status phrases, prefixes
 * (set, format, order) and the look-ahead reader.
 */
#include "asdb.h"

#include <arpa/inet.h>
#include <string.h>

const char *asdb_strerror(asdb_status_t status)
{
    switch (status) {
    case ASDB_OK: return "ok";
    case ASDB_TRUNCATED: return "the input ends inside its last record";
    case ASDB_BAD_INPUT: return "bad input";
    case ASDB_NOMEM: return "out of memory";
    case ASDB_IO: return "read error";
    case ASDB_STOPPED: return "stopped";
    }
    return "unknown status";
}

void asdb_prefix_set(asdb_prefix_t *p, int family, unsigned len, const uint8_t *addr, size_t n)
{
    size_t max = family == 4 ? 4 : 16;
    memset(p, 0, sizeof *p);
    p->family = (uint8_t)family;
    p->len = (uint8_t)(len > max * 8 ? max * 8 : len);
    size_t whole = p->len / 8u, bits = p->len % 8u;
    size_t copy = whole + (bits ? 1 : 0);
    if (copy > n)
        copy = n;
    memcpy(p->addr, addr, copy);
    if (bits && whole < copy)
        p->addr[whole] &= (uint8_t)(0xff00u >> bits);
}

const char *asdb_prefix_format(const asdb_prefix_t *p, char *buf, size_t cap)
{
    char a[INET6_ADDRSTRLEN];
    if (!inet_ntop(p->family == 4 ? AF_INET : AF_INET6, p->addr, a, sizeof a))
        strcpy(a, "?");
    snprintf(buf, cap, "%s/%u", a, (unsigned)p->len);
    return buf;
}

int asdb_prefix_cmp(const asdb_prefix_t *a, const asdb_prefix_t *b)
{
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return memcmp(a->addr, b->addr, a->family == 4 ? 4 : 16);
}

void asdb_reader_init(asdb_reader_t *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
}

size_t asdb_peek(asdb_reader_t *r)
{
    if (r->peek_pos == 0 && r->peek_len < sizeof r->peek && !r->error) {
        size_t n = fread(r->peek + r->peek_len, 1, sizeof r->peek - r->peek_len, r->f);
        r->peek_len += n;
        if (ferror(r->f))
            r->error = true;
    }
    return r->peek_len - r->peek_pos;
}

size_t asdb_read(asdb_reader_t *r, void *buf, size_t n)
{
    size_t got = 0;
    uint8_t *out = buf;
    if (r->peek_pos < r->peek_len) {
        size_t k = r->peek_len - r->peek_pos;
        if (k > n)
            k = n;
        memcpy(out, r->peek + r->peek_pos, k);
        r->peek_pos += k;
        got = k;
    }
    if (got < n && !r->error) {
        got += fread(out + got, 1, n - got, r->f);
        if (ferror(r->f))
            r->error = true;
    }
    r->offset += got;
    return got;
}
