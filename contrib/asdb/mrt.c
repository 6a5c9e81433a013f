/*
 * mrt.c - the MRT reader (RFC 6396): record framing, PEER_INDEX_TABLE,
 * the unicast RIBs of TABLE_DUMP_V2 (with ADDPATH) and legacy TABLE_DUMP,
 * the path attributes and the origin AS of each route.  See mrt.h for the
 * rules; every read goes through a bounds-checked cursor.
 */
#include "mrt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- a bounds-checked cursor over one record body ------------------------ */

typedef struct cur {
    const uint8_t *b;
    size_t n, pos;
} cur_t;

static bool take(cur_t *c, size_t k, const uint8_t **out)
{
    if (c->n - c->pos < k)
        return false;
    if (out)
        *out = c->b + c->pos;
    c->pos += k;
    return true;
}

static bool get8(cur_t *c, uint8_t *v)
{
    const uint8_t *p;
    if (!take(c, 1, &p))
        return false;
    *v = p[0];
    return true;
}

static bool get16(cur_t *c, uint16_t *v)
{
    const uint8_t *p;
    if (!take(c, 2, &p))
        return false;
    *v = (uint16_t)(p[0] << 8 | p[1]);
    return true;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- messages -------------------------------------------------------------- */

static void warnf(mrt_parser_t *p, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warnf(mrt_parser_t *p, uint64_t offset, const char *fmt, ...)
{
    if (!p->warn || p->warnings >= ASDB_MAX_WARNINGS)
        return;
    if (++p->warnings == ASDB_MAX_WARNINGS) {
        fprintf(p->warn, "%s: offset %llu: more problems; only counting them from here\n",
                p->name, (unsigned long long)offset);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fprintf(p->warn, "%s: offset %llu: ", p->name, (unsigned long long)offset);
    vfprintf(p->warn, fmt, ap);
    fputc('\n', p->warn);
    va_end(ap);
}

static asdb_status_t fail(mrt_parser_t *p, asdb_status_t st, uint64_t offset, const char *what)
{
    snprintf(p->error, sizeof p->error, "%s: offset %llu: %s", p->name,
             (unsigned long long)offset, what);
    return st;
}

void mrt_init(mrt_parser_t *p, const char *name, asdb_route_fn fn, void *ctx, FILE *warn)
{
    memset(p, 0, sizeof *p);
    p->name = name ? name : "-";
    p->fn = fn;
    p->ctx = ctx;
    p->warn = warn;
}

/* ---- AS paths -------------------------------------------------------------- */

enum { SEG_SET = 1, SEG_SEQUENCE = 2, SEG_CONFED_SEQUENCE = 3, SEG_CONFED_SET = 4 };

const char *mrt_path_origin(const uint8_t *v, size_t n, unsigned as_size, uint32_t *origin,
                            uint32_t *path_len, bool *from_set, size_t *at)
{
    cur_t c = {v, n, 0};
    uint32_t last = 0, len = 0;
    bool set = false;
    *origin = 0;
    *path_len = 0;
    *from_set = false;
    while (c.pos < c.n) {
        uint8_t type, count;
        const uint8_t *as;
        *at = c.pos;
        if (!get8(&c, &type) || !get8(&c, &count))
            return "AS_PATH segment header cut short";
        if (type < SEG_SET || type > SEG_CONFED_SET)
            return "AS_PATH segment of unknown type";
        if (!take(&c, (size_t)count * as_size, &as))
            return "AS_PATH segment longer than the attribute";
        if (count == 0 || type == SEG_CONFED_SEQUENCE || type == SEG_CONFED_SET)
            continue;
        uint32_t pick = 0;
        for (unsigned i = 0; i < count; i++) {
            const uint8_t *a = as + (size_t)i * as_size;
            uint32_t asn = as_size == 4 ? be32(a) : (uint32_t)(a[0] << 8 | a[1]);
            if (type == SEG_SEQUENCE)
                pick = asn; /* the last one */
            else if (i == 0 || asn < pick)
                pick = asn; /* the smallest of the set */
        }
        last = pick;
        set = type == SEG_SET;
        len += type == SEG_SET ? 1 : count;
    }
    *origin = last;
    *path_len = len;
    *from_set = set && last != 0;
    return NULL;
}

/* ---- path attributes ----------------------------------------------------- */

enum { ATTR_EXTENDED_LENGTH = 0x10, ATTR_AS_PATH = 2, ATTR_AS4_PATH = 17 };

typedef struct route_origin {
    uint32_t origin;
    bool from_set, from_as4;
} route_origin_t;

/* The origin of one route from its attributes a[0..n); NULL or what is wrong
 * (*at: its offset in a). */
static const char *attrs_origin(const uint8_t *a, size_t n, unsigned as_size, route_origin_t *ro,
                                size_t *at)
{
    cur_t c = {a, n, 0};
    const uint8_t *path = NULL, *path4 = NULL;
    size_t path_n = 0, path4_n = 0, path_at = 0, path4_at = 0;
    memset(ro, 0, sizeof *ro);
    while (c.pos < c.n) {
        uint8_t flags, type;
        uint16_t len;
        const uint8_t *v;
        *at = c.pos;
        if (!get8(&c, &flags) || !get8(&c, &type))
            return "path attribute header cut short";
        if (flags & ATTR_EXTENDED_LENGTH) {
            if (!get16(&c, &len))
                return "path attribute length cut short";
        } else {
            uint8_t l8;
            if (!get8(&c, &l8))
                return "path attribute length cut short";
            len = l8;
        }
        size_t vat = c.pos;
        if (!take(&c, len, &v))
            return "path attribute longer than the attributes";
        /* The first of each counts, as a BGP speaker would see it. */
        if (type == ATTR_AS_PATH && !path) {
            path = v, path_n = len, path_at = vat;
        } else if (type == ATTR_AS4_PATH && !path4) {
            path4 = v, path4_n = len, path4_at = vat;
        }
    }
    if (!path)
        return NULL; /* no AS_PATH: no origin */
    uint32_t origin, plen;
    bool from_set;
    size_t sub = 0;
    const char *why = mrt_path_origin(path, path_n, as_size, &origin, &plen, &from_set, &sub);
    if (why) {
        *at = path_at + sub;
        return why;
    }
    ro->origin = origin;
    ro->from_set = from_set;
    if (path4 && as_size == 2) {
        /* RFC 6793 4.2.3: AS4_PATH replaces the tail of AS_PATH, unless it
         * claims a longer path than AS_PATH has (then it is ignored). */
        uint32_t origin4, plen4;
        bool set4;
        why = mrt_path_origin(path4, path4_n, 4, &origin4, &plen4, &set4, &sub);
        if (why) {
            *at = path4_at + sub;
            return why;
        }
        if (origin4 && plen4 <= plen) {
            ro->origin = origin4;
            ro->from_set = set4;
            ro->from_as4 = true;
        }
    }
    return NULL;
}

/* One route: counts it and calls back.  Nonzero when the callback stops. */
static int route(mrt_parser_t *p, const asdb_prefix_t *pfx, const route_origin_t *ro)
{
    if (ro->origin == 0) {
        p->stats.no_origin++;
        return 0;
    }
    p->stats.entries++;
    p->stats.as_set_origins += ro->from_set;
    p->stats.as4_origins += ro->from_as4;
    return p->fn ? p->fn(p->ctx, pfx, ro->origin) : 0;
}

/* ---- record bodies --------------------------------------------------------- */

/* What a body parser found wrong: a phrase and the offset in the body. */
typedef struct body_err {
    const char *why;
    size_t at;
} body_err_t;

#define BAD(where, phrase)                                                                         \
    do {                                                                                           \
        e->why = (phrase);                                                                         \
        e->at = (where);                                                                           \
        return false;                                                                              \
    } while (0)

static bool peer_index_table(mrt_parser_t *p, cur_t *c, body_err_t *e)
{
    uint16_t name_len, count;
    if (!take(c, 4, NULL) || !get16(c, &name_len))
        BAD(c->pos, "PEER_INDEX_TABLE header cut short");
    if (!take(c, name_len, NULL))
        BAD(c->pos, "PEER_INDEX_TABLE view name longer than the record");
    if (!get16(c, &count))
        BAD(c->pos, "PEER_INDEX_TABLE peer count cut short");
    for (unsigned i = 0; i < count; i++) {
        size_t at = c->pos;
        uint8_t type;
        if (!get8(c, &type))
            BAD(at, "PEER_INDEX_TABLE has fewer peers than its count");
        size_t need = 4 + (type & 1 ? 16 : 4) + (type & 2 ? 4 : 2);
        if (!take(c, need, NULL))
            BAD(at, "PEER_INDEX_TABLE peer entry cut short");
    }
    if (c->pos != c->n)
        BAD(c->pos, "bytes after the last PEER_INDEX_TABLE peer");
    p->stats.peers = count;
    p->have_peer_table = true;
    return true;
}

/* Reads a prefix length byte and its ceil(len/8) bytes. */
static bool read_prefix(cur_t *c, int family, asdb_prefix_t *pfx, body_err_t *e)
{
    uint8_t len;
    const uint8_t *bytes;
    size_t at = c->pos;
    if (!get8(c, &len))
        BAD(at, "prefix length missing");
    if (len > (family == 4 ? 32 : 128))
        BAD(at, family == 4 ? "IPv4 prefix length above 32" : "IPv6 prefix length above 128");
    if (!take(c, (len + 7u) / 8, &bytes))
        BAD(c->pos, "prefix cut short");
    asdb_prefix_set(pfx, family, len, bytes, (len + 7u) / 8);
    return true;
}

/*
 * A TABLE_DUMP_V2 RIB record.  Called twice: first with emit false to
 * check the framing of the whole record (a malformed record is skipped
 * whole), then with emit true to pass its routes on.  An entry that is
 * framed right but whose attributes are malformed is skipped alone.
 */
static bool rib_v2(mrt_parser_t *p, cur_t *c, int family, bool addpath, bool emit,
                   uint64_t body_offset, body_err_t *e, int *stop)
{
    asdb_prefix_t pfx;
    uint16_t count;
    if (!take(c, 4, NULL))
        BAD(c->pos, "RIB sequence number cut short");
    if (!read_prefix(c, family, &pfx, e))
        return false;
    if (!get16(c, &count))
        BAD(c->pos, "RIB entry count cut short");
    for (unsigned i = 0; i < count; i++) {
        size_t at = c->pos;
        uint16_t peer, attr_len;
        const uint8_t *attrs;
        if (!get16(c, &peer) || !take(c, addpath ? 8 : 4, NULL) || !get16(c, &attr_len))
            BAD(at, "RIB has fewer entries than its count, or an entry header is cut short");
        size_t attrs_at = c->pos;
        if (!take(c, attr_len, &attrs))
            BAD(attrs_at, "RIB entry attributes longer than the record");
        if (!emit)
            continue;
        if (p->have_peer_table && peer >= p->stats.peers) {
            p->stats.bad_entries++;
            warnf(p, body_offset + at, "RIB entry names peer %u of %u; entry skipped", peer,
                  p->stats.peers);
            continue;
        }
        route_origin_t ro;
        size_t bad_at = 0;
        const char *why = attrs_origin(attrs, attr_len, 4, &ro, &bad_at);
        if (why) {
            p->stats.bad_entries++;
            warnf(p, body_offset + attrs_at + bad_at, "%s; RIB entry skipped", why);
            continue;
        }
        if (route(p, &pfx, &ro)) {
            *stop = 1;
            return true;
        }
    }
    if (c->pos != c->n)
        BAD(c->pos, "bytes after the last RIB entry");
    return true;
}

/* A legacy TABLE_DUMP record: one route, 2-byte AS numbers. */
static bool table_dump(mrt_parser_t *p, cur_t *c, int family, uint64_t body_offset,
                       body_err_t *e, int *stop)
{
    size_t alen = family == 4 ? 4 : 16;
    const uint8_t *addr, *attrs;
    uint8_t plen;
    uint16_t attr_len;
    if (!take(c, 4, NULL) || !take(c, alen, &addr))
        BAD(c->pos, "TABLE_DUMP header cut short");
    size_t len_at = c->pos;
    if (!get8(c, &plen) || !take(c, 1 + 4 + alen + 2, NULL) || !get16(c, &attr_len))
        BAD(c->pos, "TABLE_DUMP header cut short");
    if (plen > alen * 8)
        BAD(len_at, family == 4 ? "IPv4 prefix length above 32" : "IPv6 prefix length above 128");
    size_t attrs_at = c->pos;
    if (!take(c, attr_len, &attrs))
        BAD(attrs_at, "TABLE_DUMP attributes longer than the record");
    if (c->pos != c->n)
        BAD(c->pos, "bytes after the TABLE_DUMP attributes");
    asdb_prefix_t pfx;
    asdb_prefix_set(&pfx, family, plen, addr, alen);
    route_origin_t ro;
    size_t bad_at = 0;
    const char *why = attrs_origin(attrs, attr_len, 2, &ro, &bad_at);
    if (why)
        BAD(attrs_at + bad_at, why);
    *stop = route(p, &pfx, &ro);
    return true;
}

/* ---- records --------------------------------------------------------------- */

/* Whether type is an MRT type of RFC 6396 (current or deprecated). */
static bool known_type(unsigned type)
{
    return type <= 17 || type == 32 || type == 33 || type == 48 || type == 49;
}

bool mrt_looks_like(const uint8_t *b, size_t n)
{
    if (n < MRT_HEADER_LEN)
        return false;
    unsigned type = (unsigned)(b[4] << 8 | b[5]), sub = (unsigned)(b[6] << 8 | b[7]);
    uint32_t len = be32(b + 8);
    if (len > ASDB_MAX_RECORD)
        return false;
    switch (type) {
    case MRT_TABLE_DUMP:
        return sub == 1 || sub == 2;
    case MRT_TABLE_DUMP_V2:
        return sub >= 1 && sub <= 13;
    case 16: /* BGP4MP */
    case 17: /* BGP4MP_ET */
        return sub <= 11;
    default:
        return false;
    }
}

/* One whole record; offset is that of its header.  Returns ASDB_OK (also
 * for a skipped record) or ASDB_STOPPED. */
static asdb_status_t record(mrt_parser_t *p, unsigned type, unsigned sub, const uint8_t *body,
                            uint32_t len, uint64_t offset)
{
    uint64_t body_offset = offset + MRT_HEADER_LEN;
    body_err_t err = {NULL, 0};
    int stop = 0;
    bool ok = true;
    int family = 0;
    bool addpath = false;
    cur_t c = {body, len, 0};
    p->stats.records++;
    if (type == MRT_TABLE_DUMP_V2 && sub == MRT_PEER_INDEX_TABLE) {
        ok = peer_index_table(p, &c, &err);
    } else if (type == MRT_TABLE_DUMP_V2) {
        switch (sub) {
        case MRT_RIB_IPV4_UNICAST_ADDPATH: addpath = true; /* fall through */
        case MRT_RIB_IPV4_UNICAST: family = 4; break;
        case MRT_RIB_IPV6_UNICAST_ADDPATH: addpath = true; /* fall through */
        case MRT_RIB_IPV6_UNICAST: family = 6; break;
        default: break;
        }
        if (family) {
            p->stats.rib_records++;
            ok = rib_v2(p, &c, family, addpath, false, body_offset, &err, &stop);
            if (ok) {
                c.pos = 0;
                ok = rib_v2(p, &c, family, addpath, true, body_offset, &err, &stop);
            }
        }
    } else if (type == MRT_TABLE_DUMP && (sub == 1 || sub == 2)) {
        family = sub == 1 ? 4 : 6;
        p->stats.rib_records++;
        ok = table_dump(p, &c, family, body_offset, &err, &stop);
    }
    if (!ok) {
        p->stats.bad_records++;
        if (family)
            p->stats.rib_records--;
        warnf(p, body_offset + err.at, "%s; record skipped", err.why);
    } else if (!family && !(type == MRT_TABLE_DUMP_V2 && sub == MRT_PEER_INDEX_TABLE)) {
        p->stats.skipped_records++;
    }
    if (stop)
        return fail(p, ASDB_STOPPED, offset, "stopped by the caller");
    return ASDB_OK;
}

/* Checks a header; NULL or what makes it garbage. */
static const char *header_problem(unsigned type, uint32_t len, uint64_t offset, const uint8_t *h)
{
    if (offset == 0 && h[0] == 0x1f && h[1] == 0x8b)
        return "gzip-compressed data, not MRT: uncompress it first (zcat FILE | ... -)";
    if (offset == 0 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h')
        return "bzip2-compressed data, not MRT: uncompress it first (bzcat FILE | ... -)";
    if (!known_type(type))
        return "not an MRT record header (unknown MRT type)";
    if (len > ASDB_MAX_RECORD)
        return "not an MRT record header (record length above 16 MiB)";
    return NULL;
}

static void note_time(mrt_parser_t *p, const uint8_t *h)
{
    if (!p->stats.have_timestamp) {
        p->stats.first_timestamp = be32(h);
        p->stats.have_timestamp = true;
    }
}

asdb_status_t mrt_read_buffer(mrt_parser_t *p, const uint8_t *data, size_t len)
{
    size_t off = 0;
    char what[160];
    while (off < len) {
        const uint8_t *h = data + off;
        if (len - off < MRT_HEADER_LEN) {
            snprintf(what, sizeof what, "the input ends inside a record header (%zu of 12 bytes)",
                     len - off);
            return fail(p, ASDB_TRUNCATED, off, what);
        }
        unsigned type = (unsigned)(h[4] << 8 | h[5]), sub = (unsigned)(h[6] << 8 | h[7]);
        uint32_t blen = be32(h + 8);
        const char *why = header_problem(type, blen, off, h);
        if (why)
            return fail(p, ASDB_BAD_INPUT, off, why);
        if (len - off - MRT_HEADER_LEN < blen) {
            snprintf(what, sizeof what, "the input ends inside a record (%zu of %u bytes)",
                     len - off - MRT_HEADER_LEN, (unsigned)blen);
            return fail(p, ASDB_TRUNCATED, off, what);
        }
        note_time(p, h);
        asdb_status_t st = record(p, type, sub, h + MRT_HEADER_LEN, blen, off);
        if (st != ASDB_OK)
            return st;
        off += MRT_HEADER_LEN + (size_t)blen;
    }
    return ASDB_OK;
}

asdb_status_t mrt_read(mrt_parser_t *p, asdb_reader_t *r)
{
    uint8_t *buf = NULL;
    size_t cap = 0;
    asdb_status_t st = ASDB_OK;
    char what[160];
    for (;;) {
        uint8_t h[MRT_HEADER_LEN];
        uint64_t off = r->offset;
        size_t got = asdb_read(r, h, sizeof h);
        if (r->error) {
            st = fail(p, ASDB_IO, r->offset, "read error");
            break;
        }
        if (got == 0)
            break;
        if (got < sizeof h) {
            snprintf(what, sizeof what, "the input ends inside a record header (%zu of 12 bytes)",
                     got);
            st = fail(p, ASDB_TRUNCATED, off, what);
            break;
        }
        unsigned type = (unsigned)(h[4] << 8 | h[5]), sub = (unsigned)(h[6] << 8 | h[7]);
        uint32_t blen = be32(h + 8);
        const char *why = header_problem(type, blen, off, h);
        if (why) {
            st = fail(p, ASDB_BAD_INPUT, off, why);
            break;
        }
        /* Grow with what actually arrives, not with what the header claims. */
        size_t have = 0;
        while (have < blen) {
            if (cap <= have) {
                size_t want = cap ? cap * 2 : ASDB_READ_CHUNK;
                if (want > blen)
                    want = blen;
                uint8_t *nb = realloc(buf, want);
                if (!nb) {
                    st = fail(p, ASDB_NOMEM, off, "out of memory");
                    goto out;
                }
                buf = nb;
                cap = want;
            }
            size_t room = (cap < blen ? cap : blen) - have;
            size_t n = asdb_read(r, buf + have, room);
            have += n;
            if (n == 0 || r->error)
                break;
        }
        if (r->error) {
            st = fail(p, ASDB_IO, r->offset, "read error");
            break;
        }
        if (have < blen) {
            snprintf(what, sizeof what, "the input ends inside a record (%zu of %u bytes)", have,
                     (unsigned)blen);
            st = fail(p, ASDB_TRUNCATED, off, what);
            break;
        }
        note_time(p, h);
        st = record(p, type, sub, buf, blen, off);
        if (st != ASDB_OK)
            break;
    }
out:
    free(buf);
    return st;
}
