/*
 * test_geo.c - the pure-C source-attribution code (plugin/geo): opening and
 * schema detection, lookups in both schemas, IPv4/IPv6 and several prefix
 * lengths, addresses in no network, broken databases, choosing databases
 * from preferences and the usual folders, and the address cache.
 *
 * The databases are built by the build from tests/geo/data/ (JSON) with
 * tests/tools/mkmmdb.pl (MaxMind::DB::Writer) into GEO_FIXTURE_DIR.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo.h"
#include "unit.h"

#ifndef GEO_FIXTURE_DIR
#error "GEO_FIXTURE_DIR must name the folder of the fixture databases"
#endif

static const char *fixture(const char *name)
{
    static char paths[8][1024];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s.mmdb", GEO_FIXTURE_DIR, name);
    return p;
}

static geo_db_t *open_ok(const char *name)
{
    geo_db_t *db = NULL;
    char why[512];
    geo_status_t st = geo_db_open(fixture(name), &db, why, sizeof why);
    if (st != GEO_OK)
        fprintf(stderr, "\n  cannot open %s: %s %s\n", name, geo_strerror(st), why);
    CU_ASSERT_EQUAL_FATAL(st, GEO_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    return db;
}

static geo_addr_t addr_of(const char *text)
{
    geo_addr_t a;
    CU_ASSERT_EQUAL(geo_addr_parse(text, &a), GEO_OK);
    return a;
}

/* ---- table-driven lookups ------------------------------------------------ */

typedef struct {
    const char *db;   /* fixture name */
    const char *addr; /* looked up */
    geo_status_t status;
    unsigned have;
    uint32_t asn;
    const char *org, *country, *country_name, *net;
} lookup_case_t;

#define A GEO_HAVE_ASN
#define O GEO_HAVE_ORG
#define C GEO_HAVE_COUNTRY
#define N GEO_HAVE_COUNTRY_NAME
#define NET GEO_HAVE_NET

/*
 * The network is the one of the database's search tree, as libmaxminddb and
 * mmdblookup report it: where a source network holds narrower ones (1.0.0.0/8
 * around 1.2.0.0/16 ...), the tree splits it, and an address matches the
 * piece it is in (1.9.9.9 is in 1.8.0.0/13).
 */
static const lookup_case_t lookup_cases[] = {
    /* MaxMind ASN schema, IPv4 and IPv6 networks standing alone */
    {"maxmind-asn", "5.6.7.8", GEO_OK, A | O | NET, 64507, "Slash Eight", 0, 0, "5.0.0.0/8"},
    {"maxmind-asn", "6.6.250.1", GEO_OK, A | O | NET, 64508, "Slash Sixteen", 0, 0, "6.6.0.0/16"},
    {"maxmind-asn", "7.7.7.100", GEO_OK, A | O | NET, 64509, "Slash Twenty-Six", 0, 0,
     "7.7.7.64/26"},
    {"maxmind-asn", "7.7.7.1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    {"maxmind-asn", "2a00:1450:abcd::1", GEO_OK, A | O | NET, 64510, "Six Thirty-Two", 0, 0,
     "2a00:1450::/32"},
    {"maxmind-asn", "2a00:1451:1:5::1", GEO_OK, A | O | NET, 64511, "Six Forty-Eight", 0, 0,
     "2a00:1451:1::/48"},
    {"maxmind-asn", "2a00:1451:2::1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    /* nested IPv4 networks, /8 /16 /24 /25 /32 */
    {"maxmind-asn", "1.9.9.9", GEO_OK, A | O | NET, 64496, "Wide Net Inc.", 0, 0, "1.8.0.0/13"},
    {"maxmind-asn", "1.2.200.1", GEO_OK, A | O | NET, 64497, "Sixteen Ltd", 0, 0, "1.2.128.0/17"},
    {"maxmind-asn", "1.2.3.4", GEO_OK, A | O | NET, 64498, "Twenty-Four GmbH", 0, 0, "1.2.3.0/25"},
    {"maxmind-asn", "1.2.3.130", GEO_OK, A | O | NET, 64499, "Ünïcode Networks 株式会社", 0, 0,
     "1.2.3.128/26"},
    {"maxmind-asn", "1.2.3.200", GEO_OK, A | NET, 4200000000u, 0, 0, 0, "1.2.3.200/32"},
    {"maxmind-asn", "1.2.3.201", GEO_OK, A | O | NET, 64505, "Ctl Char Org", 0, 0, "1.2.3.201/32"},
    {"maxmind-asn", "203.0.113.77", GEO_OK, A | O | NET, 64500, "Example Org", 0, 0,
     "203.0.113.0/24"},
    /* IPv4-mapped IPv6 resolves as IPv4 */
    {"maxmind-asn", "::ffff:1.2.3.4", GEO_OK, A | O | NET, 64498, "Twenty-Four GmbH", 0, 0,
     "1.2.3.0/25"},
    /* 6to4 is aliased to IPv4 by the database; the network stays IPv6 */
    {"maxmind-asn", "2002:102:304::1", GEO_OK, A | O | NET, 64498, "Twenty-Four GmbH", 0, 0,
     "2002:102:300::/41"},
    /* IPv6 /32 /48 /64 /128 */
    {"maxmind-asn", "2001:db8:ffff::1", GEO_OK, A | O | NET, 64501, "IPv6 Thirty-Two", 0, 0,
     "2001:db8:8000::/33"},
    {"maxmind-asn", "2001:db8:1:ff::1", GEO_OK, A | O | NET, 64502, "IPv6 Forty-Eight", 0, 0,
     "2001:db8:1:80::/57"},
    {"maxmind-asn", "2001:db8:1:2::99", GEO_OK, A | NET, 64503, 0, 0, 0, "2001:db8:1:2::80/121"},
    {"maxmind-asn", "2001:db8:1:2::1", GEO_OK, A | O | NET, 64504, "Host Route", 0, 0,
     "2001:db8:1:2::1/128"},
    /* in no network */
    {"maxmind-asn", "10.0.0.1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    {"maxmind-asn", "9.9.9.9", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    {"maxmind-asn", "2001:db9::1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    {"maxmind-asn", "::1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},

    /* MaxMind country schema */
    {"maxmind-country", "1.200.0.1", GEO_OK, C | N | NET, 0, 0, "JP", "Japan", "1.128.0.0/9"},
    {"maxmind-country", "1.2.3.4", GEO_OK, C | N | NET, 0, 0, "CN", "China", "1.2.3.0/24"},
    {"maxmind-country", "198.51.100.9", GEO_OK, C | NET, 0, 0, "SE", 0, "198.51.100.0/24"},
    {"maxmind-country", "203.0.113.1", GEO_OK, NET, 0, 0, 0, 0, "203.0.113.0/24"},
    {"maxmind-country", "2001:db8::5", GEO_OK, C | N | NET, 0, 0, "DE", "Germany", "2001:db8::/32"},
    {"maxmind-country", "8.8.8.8", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    /* a City database is a country source */
    {"maxmind-city", "1.2.3.4", GEO_OK, C | N | NET, 0, 0, "GB", "United Kingdom", "1.2.3.0/24"},
    {"maxmind-city", "2001:db8:1::7", GEO_OK, C | N | NET, 0, 0, "JP", "Japan", "2001:db8:1::/48"},

    /* IPinfo Lite: both kinds of data */
    {"ipinfo-lite", "1.2.3.4", GEO_OK, A | O | C | N | NET, 64510, "Lite One", "BR", "Brazil",
     "1.2.3.0/24"},
    {"ipinfo-lite", "203.0.113.5", GEO_OK, C | N | NET, 0, 0, "US", "United States",
     "203.0.113.0/25"},
    {"ipinfo-lite", "203.0.113.200", GEO_OK, A | O | C | N | NET, 4200000001u, "Lite Big", "NZ",
     "New Zealand", "203.0.113.128/25"},
    {"ipinfo-lite", "2001:db8:1::1", GEO_OK, A | O | C | N | NET, 64511, "Lite Six", "FR", "France",
     "2001:db8:1::/48"},
    {"ipinfo-lite", "2001:db8:2::1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},
    /* IPinfo's older country_asn layout */
    {"ipinfo-country-asn", "1.2.3.4", GEO_OK, A | O | C | N | NET, 64513, "Old Layout", "KR",
     "South Korea", "1.2.3.0/24"},

    /* IPv4-only tree: no 96-bit offset; IPv6 is simply not found */
    {"ipv4only", "1.2.3.4", GEO_OK, A | O | NET, 64520, "Four Only", 0, 0, "1.2.3.0/24"},
    {"ipv4only", "9.1.2.3", GEO_OK, A | O | NET, 64521, "Nine", 0, 0, "9.0.0.0/8"},
    {"ipv4only", "::ffff:9.1.2.3", GEO_OK, A | O | NET, 64521, "Nine", 0, 0, "9.0.0.0/8"},
    {"ipv4only", "2001:db8::1", GEO_NOT_FOUND, 0, 0, 0, 0, 0, 0},

    /* unexpected types: the fields that are fine are kept */
    {"badtypes", "1.2.3.4", GEO_ERR_TYPE, O | N | NET, 0, "Bad Types", 0, "China", "1.2.3.0/24"},
    {"badtypes", "1.2.4.4", GEO_ERR_TYPE, O | NET, 0, "Bad Again", 0, 0, "1.2.4.0/24"},
};

static void check_record(const lookup_case_t *c, geo_status_t st, const geo_record_t *rec)
{
    if (st != c->status || rec->have != c->have)
        fprintf(stderr, "\n  %s %s: status %s have %#x, want %s %#x\n", c->db, c->addr,
                geo_strerror(st), rec->have, geo_strerror(c->status), c->have);
    CU_ASSERT_EQUAL(st, c->status);
    CU_ASSERT_EQUAL(rec->have, c->have);
    if (c->have & A)
        CU_ASSERT_EQUAL(rec->asn, c->asn);
    if (c->have & O)
        HS_ASSERT_STR(rec->as_org, c->org);
    if (c->have & C)
        HS_ASSERT_STR(rec->country, c->country);
    if (c->have & N)
        HS_ASSERT_STR(rec->country_name, c->country_name);
    if (c->have & NET)
        HS_ASSERT_STR(rec->net, c->net);
}

static void test_lookup_table(void)
{
    for (size_t i = 0; i < sizeof lookup_cases / sizeof lookup_cases[0]; i++) {
        const lookup_case_t *c = &lookup_cases[i];
        geo_db_t *db = open_ok(c->db);
        geo_addr_t a = addr_of(c->addr);
        geo_record_t rec;
        geo_record_clear(&rec);
        geo_status_t st = geo_db_lookup(db, &a, GEO_CAP_ASN | GEO_CAP_COUNTRY, &rec);
        check_record(c, st, &rec);
        geo_db_close(db);
    }
}

static void test_schema_detection(void)
{
    static const struct {
        const char *name;
        geo_schema_t schema;
        unsigned caps;
    } cases[] = {
        {"maxmind-asn", GEO_SCHEMA_MAXMIND, GEO_CAP_ASN},
        {"maxmind-country", GEO_SCHEMA_MAXMIND, GEO_CAP_COUNTRY},
        {"maxmind-city", GEO_SCHEMA_MAXMIND, GEO_CAP_COUNTRY},
        {"ipinfo-lite", GEO_SCHEMA_IPINFO, GEO_CAP_ASN | GEO_CAP_COUNTRY},
        {"ipinfo-country-asn", GEO_SCHEMA_IPINFO, GEO_CAP_ASN | GEO_CAP_COUNTRY},
        {"ipv4only", GEO_SCHEMA_MAXMIND, GEO_CAP_ASN},
        {"badtypes", GEO_SCHEMA_MAXMIND, GEO_CAP_ASN | GEO_CAP_COUNTRY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        geo_db_t *db = open_ok(cases[i].name);
        CU_ASSERT_EQUAL(geo_db_schema(db), cases[i].schema);
        CU_ASSERT_EQUAL(geo_db_caps(db), cases[i].caps);
        geo_db_close(db);
    }
    geo_db_t *db = open_ok("maxmind-asn");
    HS_ASSERT_STR(geo_db_type(db), "GeoLite2-ASN");
    HS_ASSERT_STR(geo_db_path(db), fixture("maxmind-asn"));
    geo_db_close(db);
}

static void test_want_mask(void)
{
    geo_db_t *db = open_ok("ipinfo-lite");
    geo_addr_t a = addr_of("1.2.3.4");
    geo_record_t rec;
    geo_record_clear(&rec);
    CU_ASSERT_EQUAL(geo_db_lookup(db, &a, GEO_CAP_COUNTRY, &rec), GEO_OK);
    CU_ASSERT_EQUAL(rec.have, C | N | NET);
    geo_record_clear(&rec);
    CU_ASSERT_EQUAL(geo_db_lookup(db, &a, GEO_CAP_ASN, &rec), GEO_OK);
    CU_ASSERT_EQUAL(rec.have, A | O | NET);
    geo_db_close(db);
}

static void test_long_string_cut(void)
{
    geo_db_t *db = open_ok("maxmind-asn");
    geo_addr_t a = addr_of("1.2.3.202");
    geo_record_t rec;
    geo_record_clear(&rec);
    CU_ASSERT_EQUAL(geo_db_lookup(db, &a, GEO_CAP_ASN, &rec), GEO_OK);
    CU_ASSERT(rec.have & O);
    CU_ASSERT_EQUAL(strlen(rec.as_org), GEO_STR_MAX - 1);
    CU_ASSERT_EQUAL(strncmp(rec.as_org, "Looo", 4), 0);
    geo_db_close(db);
}

/* ---- addresses and networks ---------------------------------------------- */

static void test_format_net(void)
{
    static const struct {
        const char *addr;
        unsigned len;
        const char *want;
    } cases[] = {
        {"192.0.2.77", 24, "192.0.2.0/24"},     {"192.0.2.77", 25, "192.0.2.0/25"},
        {"192.0.2.200", 25, "192.0.2.128/25"},  {"192.0.2.77", 32, "192.0.2.77/32"},
        {"192.0.2.77", 0, "0.0.0.0/0"},         {"192.0.2.77", 99, "192.0.2.77/32"},
        {"10.255.1.1", 9, "10.128.0.0/9"},      {"2001:db8:1:2::1", 48, "2001:db8:1::/48"},
        {"2001:db8:1:2::1", 128, "2001:db8:1:2::1/128"}, {"2001:db8::1", 31, "2001:db8::/31"},
        {"2001:db9::1", 31, "2001:db8::/31"},   {"::ffff:198.51.100.1", 16, "198.51.0.0/16"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[GEO_NET_STRLEN];
        geo_addr_t a = addr_of(cases[i].addr);
        geo_format_net(&a, cases[i].len, out);
        HS_ASSERT_STR(out, cases[i].want);
    }
    char out[GEO_NET_STRLEN];
    geo_addr_t a = addr_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
    geo_format_net(&a, 128, out);
    HS_ASSERT_STR(out, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128");
}

static void test_addr(void)
{
    geo_addr_t a, b;
    const uint8_t v4[4] = {198, 51, 100, 1};
    geo_addr_from_ipv4(&a, v4);
    CU_ASSERT(geo_addr_is_ipv4(&a));
    b = addr_of("::ffff:198.51.100.1");
    CU_ASSERT(geo_addr_is_ipv4(&b));
    CU_ASSERT_EQUAL(memcmp(a.b, b.b, 16), 0);
    b = addr_of("2001:db8::1");
    CU_ASSERT_FALSE(geo_addr_is_ipv4(&b));
    CU_ASSERT_EQUAL(geo_addr_parse("not an address", &a), GEO_ERR_ARG);
    CU_ASSERT_EQUAL(geo_addr_parse("1.2.3.4/24", &a), GEO_ERR_ARG);
    CU_ASSERT_EQUAL(geo_addr_parse(NULL, &a), GEO_ERR_ARG);
}

static void test_strerror(void)
{
    for (int st = GEO_OK; st <= GEO_ERR_ARG; st++) {
        const char *s = geo_strerror((geo_status_t)st);
        CU_ASSERT_PTR_NOT_NULL(s);
        CU_ASSERT(s && strcmp(s, "unknown status") != 0);
    }
    HS_ASSERT_STR(geo_strerror((geo_status_t)999), "unknown status");
}

/* ---- broken databases ------------------------------------------------------ */

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    CU_ASSERT_FATAL(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_all(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_FATAL(fwrite(buf, 1, len, f) == len);
    fclose(f);
}

static geo_status_t try_open(const char *path, char *why, size_t why_len)
{
    geo_db_t *db = (geo_db_t *)1;
    geo_status_t st = geo_db_open(path, &db, why, why_len);
    if (st == GEO_OK)
        geo_db_close(db);
    else
        CU_ASSERT_PTR_NULL(db);
    return st;
}

static void test_open_errors(void)
{
    char why[512];
    CU_ASSERT_EQUAL(try_open(tmp_path("does-not-exist.mmdb"), why, sizeof why), GEO_ERR_OPEN);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "No such file"));
    CU_ASSERT_EQUAL(try_open(tmpdir, why, sizeof why), GEO_ERR_OPEN);
    CU_ASSERT_EQUAL(try_open("", why, sizeof why), GEO_ERR_ARG);

    write_all(tmp_path("empty.mmdb"), "", 0);
    CU_ASSERT_EQUAL(try_open(tmp_path("empty.mmdb"), why, sizeof why), GEO_ERR_FORMAT);

    const char text[] = "this is a text file, not a database\n";
    write_all(tmp_path("text.mmdb"), text, sizeof text - 1);
    CU_ASSERT_EQUAL(try_open(tmp_path("text.mmdb"), why, sizeof why), GEO_ERR_FORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "not a MaxMind DB"));

    /* Truncated: the metadata at the end is gone. */
    size_t len;
    unsigned char *buf = read_all(fixture("maxmind-asn"), &len);
    for (size_t cut = 1; cut < len; cut += len / 7) {
        write_all(tmp_path("cut.mmdb"), buf, cut);
        geo_status_t st = try_open(tmp_path("cut.mmdb"), why, sizeof why);
        CU_ASSERT(st == GEO_ERR_FORMAT || st == GEO_ERR_CORRUPT);
    }
    free(buf);

    /* Valid MaxMind DB, but no data we can use. */
    CU_ASSERT_EQUAL(try_open(fixture("other"), why, sizeof why), GEO_ERR_SCHEMA);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "Some-Other-Data"));
}

/* The search tree filled with 0xff: records point past the data section. */
static void test_corrupt_tree(void)
{
    char why[512];
    size_t len;
    unsigned char *buf = read_all(fixture("maxmind-asn"), &len);
    memset(buf, 0xff, 64);
    write_all(tmp_path("tree.mmdb"), buf, len);
    CU_ASSERT_EQUAL(try_open(tmp_path("tree.mmdb"), why, sizeof why), GEO_ERR_CORRUPT);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "damaged"));
    free(buf);
}

/*
 * Every byte of the file flipped in turn (the metadata too): opening and
 * looking up never crash, and give only the statuses the API promises.
 */
static void test_corrupt_every_byte(void)
{
    static const char *const addrs[] = {"1.2.3.4", "1.2.3.130", "1.2.3.200", "10.0.0.1",
                                        "2001:db8:1:2::1", "2001:db8::1", "203.0.113.1"};
    size_t len;
    unsigned char *buf = read_all(fixture("maxmind-asn"), &len);
    unsigned opened = 0, refused = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char saved = buf[i];
        buf[i] ^= (unsigned char)(0x5a + i);
        write_all(tmp_path("flip.mmdb"), buf, len);
        buf[i] = saved;
        geo_db_t *db = NULL;
        geo_status_t st = geo_db_open(tmp_path("flip.mmdb"), &db, NULL, 0);
        if (st != GEO_OK) {
            CU_ASSERT(st == GEO_ERR_FORMAT || st == GEO_ERR_CORRUPT || st == GEO_ERR_SCHEMA);
            refused++;
            continue;
        }
        opened++;
        for (size_t k = 0; k < sizeof addrs / sizeof addrs[0]; k++) {
            geo_addr_t a = addr_of(addrs[k]);
            geo_record_t rec;
            geo_record_clear(&rec);
            st = geo_db_lookup(db, &a, GEO_CAP_ASN | GEO_CAP_COUNTRY, &rec);
            CU_ASSERT(st == GEO_OK || st == GEO_NOT_FOUND || st == GEO_ERR_CORRUPT ||
                      st == GEO_ERR_TYPE);
            CU_ASSERT(strlen(rec.as_org) < GEO_STR_MAX);
        }
        geo_db_close(db);
    }
    CU_ASSERT(opened > 0 && refused > 0);
    free(buf);
}

/* ---- choosing the databases ----------------------------------------------------- */

typedef struct {
    int count;
    geo_status_t last_status;
    geo_role_t last_role;
    char last[1024];
} reports_t;

static void collect(void *user, geo_role_t role, geo_status_t status, const char *message)
{
    reports_t *r = user;
    r->count++;
    r->last_status = status;
    r->last_role = role;
    snprintf(r->last, sizeof r->last, "%s", message);
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    unsigned char *buf = read_all(from, &len);
    write_all(to, buf, len);
    free(buf);
}

static void lookup_sources(const geo_sources_t *s, const char *addr, geo_record_t *rec)
{
    geo_addr_t a = addr_of(addr);
    geo_sources_lookup(s, &a, rec, NULL);
}

static void test_sources_explicit(void)
{
    geo_sources_t s;
    geo_record_t rec;
    reports_t r = {0};

    /* An AS database and a City database as the country source. */
    geo_sources_open(&s, fixture("maxmind-asn"), fixture("maxmind-city"), NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_COUNTRY]);
    lookup_sources(&s, "1.2.3.130", &rec);
    CU_ASSERT_EQUAL(rec.have, A | O | C | N | NET);
    CU_ASSERT_EQUAL(rec.asn, 64499);
    HS_ASSERT_STR(rec.country, "GB");
    HS_ASSERT_STR(rec.net, "1.2.3.128/26"); /* the AS database's network */
    /* Only in the AS database */
    lookup_sources(&s, "203.0.113.9", &rec);
    CU_ASSERT_EQUAL(rec.have, A | O | NET);
    /* In neither */
    geo_addr_t a = addr_of("10.1.1.1");
    CU_ASSERT_EQUAL(geo_sources_lookup(&s, &a, &rec, NULL), GEO_NOT_FOUND);
    CU_ASSERT_EQUAL(rec.have, 0);
    geo_sources_close(&s);

    /* IPinfo named once fills both roles, opened once. */
    r.count = 0;
    geo_sources_open(&s, fixture("ipinfo-lite"), "", NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_EQUAL(s.db[GEO_ROLE_ASN], s.db[GEO_ROLE_COUNTRY]);
    lookup_sources(&s, "2001:db8:1::9", &rec);
    CU_ASSERT_EQUAL(rec.have, A | O | C | N | NET);
    CU_ASSERT_EQUAL(rec.asn, 64511);
    HS_ASSERT_STR(rec.country, "FR");
    geo_sources_close(&s);

    /* Same file named for both roles: opened once. */
    geo_sources_open(&s, fixture("ipinfo-lite"), fixture("ipinfo-lite"), NULL, 0, collect, &r);
    CU_ASSERT_PTR_EQUAL(s.db[GEO_ROLE_ASN], s.db[GEO_ROLE_COUNTRY]);
    CU_ASSERT_EQUAL(s.n_owned, 1);
    geo_sources_close(&s);

    /* A country database named as the AS database: reported, and still
     * used for countries since that preference is empty. */
    r.count = 0;
    geo_sources_open(&s, fixture("maxmind-country"), "", NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_EQUAL(r.last_status, GEO_ERR_SCHEMA);
    CU_ASSERT_EQUAL(r.last_role, GEO_ROLE_ASN);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "holds no AS data"));
    CU_ASSERT_PTR_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_COUNTRY]);
    geo_sources_close(&s);

    /* A missing file: one report naming it, the role empty, no fallback. */
    r.count = 0;
    geo_sources_open(&s, tmp_path("missing-asn.mmdb"), fixture("maxmind-country"), NULL, 0,
                     collect, &r);
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_EQUAL(r.last_status, GEO_ERR_OPEN);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "missing-asn.mmdb"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "No such file"));
    CU_ASSERT_PTR_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_COUNTRY]);
    geo_sources_close(&s);

    /* A corrupt file: one report. */
    r.count = 0;
    geo_sources_open(&s, tmp_path("tree.mmdb"), "", NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_EQUAL(r.last_status, GEO_ERR_CORRUPT);
    geo_sources_close(&s);
}

static void test_sources_defaults(void)
{
    char d1[512], d2[512], d3[512];
    snprintf(d1, sizeof d1, "%s/dir1", tmpdir);
    snprintf(d2, sizeof d2, "%s/dir2", tmpdir);
    snprintf(d3, sizeof d3, "%s/dir3", tmpdir);
    mkdir(d1, 0755);
    mkdir(d2, 0755);
    mkdir(d3, 0755);
    /* dir1: a broken GeoLite2-ASN and a good DB-IP ASN; dir2: a City DB. */
    write_all(tmp_path("dir1/GeoLite2-ASN.mmdb"), "junk", 4);
    copy_file(fixture("maxmind-asn"), tmp_path("dir1/dbip-asn-lite.mmdb"));
    copy_file(fixture("maxmind-city"), tmp_path("dir2/GeoLite2-City.mmdb"));
    copy_file(fixture("ipinfo-lite"), tmp_path("dir3/ipinfo_lite.mmdb"));

    const char *dirs[] = {tmp_path("nonexistent"), d1, d2};
    geo_sources_t s;
    geo_record_t rec;
    reports_t r = {0};
    geo_sources_open(&s, "", NULL, dirs, 3, collect, &r);
    CU_ASSERT_EQUAL(r.count, 1); /* the junk GeoLite2-ASN.mmdb */
    CU_ASSERT_EQUAL(r.last_status, GEO_ERR_FORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "GeoLite2-ASN.mmdb"));
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_COUNTRY]);
    CU_ASSERT_PTR_NOT_NULL(strstr(geo_db_path(s.db[GEO_ROLE_ASN]), "dbip-asn-lite.mmdb"));
    CU_ASSERT_PTR_NOT_NULL(strstr(geo_db_path(s.db[GEO_ROLE_COUNTRY]), "GeoLite2-City.mmdb"));
    lookup_sources(&s, "1.2.3.4", &rec);
    CU_ASSERT_EQUAL(rec.asn, 64498);
    HS_ASSERT_STR(rec.country, "GB");
    geo_sources_close(&s);

    /* Nothing anywhere: no report (the caller says what is missing), roles NULL. */
    r.count = 0;
    const char *none[] = {tmp_path("nonexistent")};
    geo_sources_open(&s, NULL, NULL, none, 1, collect, &r);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_PTR_NULL(s.db[0]);
    CU_ASSERT_PTR_NULL(s.db[1]);
    geo_sources_close(&s);

    /* A folder as the preference. */
    r.count = 0;
    geo_sources_open(&s, d3, "", NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_EQUAL(s.db[GEO_ROLE_ASN], s.db[GEO_ROLE_COUNTRY]);
    geo_sources_close(&s);
    geo_sources_open(&s, d2, "", NULL, 0, collect, &r); /* d2 has no AS database */
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_EQUAL(r.last_status, GEO_ERR_OPEN);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "no AS database in folder"));
    geo_sources_close(&s);

    /* Both in IPinfo: one file, opened once. */
    const char *d3only[] = {d3};
    geo_sources_open(&s, NULL, NULL, d3only, 1, collect, &r);
    CU_ASSERT_PTR_NOT_NULL(s.db[GEO_ROLE_ASN]);
    CU_ASSERT_PTR_EQUAL(s.db[GEO_ROLE_ASN], s.db[GEO_ROLE_COUNTRY]);
    geo_sources_close(&s);

    char found[1024];
    CU_ASSERT_EQUAL(geo_find_default(GEO_ROLE_COUNTRY, dirs, 3, found, sizeof found), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(found, "dir2/GeoLite2-City.mmdb"));
    CU_ASSERT_EQUAL(geo_find_default(GEO_ROLE_COUNTRY, none, 1, found, sizeof found), 0);
    HS_ASSERT_STR(geo_default_names(GEO_ROLE_ASN)[0], "GeoLite2-ASN.mmdb");
}

static void fill(geo_record_t *rec, uint32_t asn, const char *org);

/* ---- dated databases --------------------------------------------------------------- */

static void test_date_in_name(void)
{
    static const struct {
        const char *name;
        const char *date; /* NULL: no date */
    } cases[] = {
        {"GeoLite2-ASN_20150301", "2015-03-01"},
        {"asn-2015-03-01.mmdb", "2015-03-01"},
        {"dbip-asn-lite-2015-03.mmdb", "2015-03-01"},
        {"x_2016_02_29.mmdb", "2016-02-29"},
        {"2019.12.31.mmdb", "2019-12-31"},
        {"rib.20150301.0000", "2015-03-01"},
        {"GeoLite2-ASN.mmdb", NULL},       /* the 2 of GeoLite2 is no date */
        {"asn-20150231.mmdb", NULL},       /* no 31 February */
        {"asn-2015-02-29.mmdb", NULL},     /* 2015 is no leap year */
        {"asn-201503011.mmdb", NULL},      /* nine digits */
        {"asn-2015-13-01.mmdb", NULL},     /* month 13 */
        {"asn-2015-03-1.mmdb", NULL},      /* a day of one digit */
        {"asn-1969-12-31.mmdb", NULL},     /* before 1970 */
        {"v1-x-20200101", "2020-01-01"},   /* the first date-shaped run wins */
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t day = -1;
        int found = geo_date_in_name(cases[i].name, &day);
        CU_ASSERT_EQUAL(found, cases[i].date != NULL);
        if (found && cases[i].date) {
            char text[GEO_DATE_STRLEN];
            geo_format_date(day, text);
            HS_ASSERT_STR(text, cases[i].date);
            CU_ASSERT_EQUAL(day % 86400, 0);
        }
    }
    char text[GEO_DATE_STRLEN];
    geo_format_date(0, text);
    HS_ASSERT_STR(text, "1970-01-01");
    geo_format_date(1425168000, text);
    HS_ASSERT_STR(text, "2015-03-01");
    geo_format_date(INT64_MAX, text);
    HS_ASSERT_STR(text, "unknown");
    CU_ASSERT_EQUAL(geo_date_in_name(NULL, &(int64_t){0}), 0);
}

static int64_t day_of(const char *date)
{
    int64_t t = -1;
    CU_ASSERT_FATAL(geo_date_in_name(date, &t));
    return t;
}

/* The AS number the sources give addr at time date ("YYYY-MM-DD"), 0 when
 * none, with the era's flags. */
static uint32_t asn_at(const geo_sources_t *s, const char *addr, const char *date,
                       unsigned *before)
{
    geo_record_t rec;
    geo_addr_t a = addr_of(addr);
    size_t era = geo_sources_era(s, day_of(date) + 3600, SIZE_MAX);
    *before = era < s->n_eras ? s->eras[era].before : 99;
    geo_sources_lookup_era(s, era, &a, &rec, NULL);
    return (rec.have & A) ? rec.asn : 0;
}

static void test_sources_dated(void)
{
    char dir[512], sub[512];
    snprintf(dir, sizeof dir, "%s/dated", tmpdir);
    snprintf(sub, sizeof sub, "%s/dated/GeoLite2-ASN_20200101", tmpdir);
    mkdir(dir, 0755);
    mkdir(sub, 0755);
    /* Dated by name, by subfolder name, another type (countries), junk,
     * and a file that is no database at all. */
    copy_file(fixture("dated-asn-2015"), tmp_path("dated/asn-2015-03-01.mmdb"));
    copy_file(fixture("dated-asn-2020"), tmp_path("dated/GeoLite2-ASN_20200101/GeoLite2-ASN.mmdb"));
    copy_file(fixture("maxmind-country"), tmp_path("dated/country-2016-06-01.mmdb"));
    write_all(tmp_path("dated/broken-2018-01-01.mmdb"), "junk", 4);
    write_all(tmp_path("dated/README.txt"), "not a database", 14);

    geo_sources_t s;
    reports_t r = {0};
    unsigned before;
    geo_sources_open(&s, dir, "", NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 1); /* the junk file, once */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "broken-2018-01-01.mmdb"));
    CU_ASSERT_EQUAL_FATAL(s.n_dated[GEO_ROLE_ASN], 2);
    CU_ASSERT(s.is_dated[GEO_ROLE_ASN]);
    HS_ASSERT_STR(s.dated[GEO_ROLE_ASN][0].text, "2015-03-01");
    HS_ASSERT_STR(s.dated[GEO_ROLE_ASN][1].text, "2020-01-01");
    CU_ASSERT_PTR_EQUAL(s.db[GEO_ROLE_ASN], s.dated[GEO_ROLE_ASN][1].db);
    /* The country preference is empty: the folder's country file. */
    CU_ASSERT_EQUAL(s.n_dated[GEO_ROLE_COUNTRY], 1);
    CU_ASSERT(!s.is_dated[GEO_ROLE_COUNTRY]);
    CU_ASSERT_EQUAL(s.n_eras, 3);
    CU_ASSERT_EQUAL(s.n_owned, 3);

    /* The same address, three times. */
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.7", "2014-01-01", &before), 64510);
    CU_ASSERT_EQUAL(before, 1u << GEO_ROLE_ASN); /* older than every AS database */
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.7", "2015-03-01", &before), 64510);
    CU_ASSERT_EQUAL(before, 0);
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.7", "2019-12-31", &before), 64510);
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.7", "2020-01-01", &before), 64520);
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.200", "2019-12-31", &before), 64510);
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.200", "2026-12-05", &before), 64521);
    /* The newest databases without a time. */
    geo_record_t rec;
    geo_addr_t a = addr_of("198.51.100.7");
    CU_ASSERT_EQUAL(geo_sources_lookup(&s, &a, &rec, NULL), GEO_OK);
    CU_ASSERT_EQUAL(rec.asn, 64520);
    /* Era search: any hint gives the same era. */
    for (size_t hint = 0; hint < 5; hint++) {
        CU_ASSERT_EQUAL(geo_sources_era(&s, day_of("2016-01-01"), hint), 1);
        CU_ASSERT_EQUAL(geo_sources_era(&s, INT64_MIN, hint), 0);
        CU_ASSERT_EQUAL(geo_sources_era(&s, INT64_MAX, hint), 2);
    }
    geo_sources_close(&s);

    /* Two files of one date: the one built last is used, and it is said. */
    copy_file(fixture("dated-asn-2020"), tmp_path("dated/asn-20150301-rebuilt.mmdb"));
    r.count = 0;
    geo_sources_open(&s, dir, tmp_path("dated/country-2016-06-01.mmdb"), NULL, 0, collect, &r);
    CU_ASSERT_EQUAL(r.count, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.last, "have the same date (2015-03-01)"));
    CU_ASSERT_EQUAL(s.n_dated[GEO_ROLE_ASN], 2);
    geo_sources_close(&s);
    remove(tmp_path("dated/asn-20150301-rebuilt.mmdb"));

    /* A file without a date in its name or folder stands for its build. */
    copy_file(fixture("dated-asn-2015"), tmp_path("dated/asn-undated.mmdb"));
    geo_sources_open(&s, dir, "", NULL, 0, NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(s.n_dated[GEO_ROLE_ASN], 3);
    char built[GEO_DATE_STRLEN];
    geo_format_date(geo_db_build_epoch(s.dated[GEO_ROLE_ASN][2].db), built);
    HS_ASSERT_STR(s.dated[GEO_ROLE_ASN][2].text, built);
    CU_ASSERT_PTR_NOT_NULL(strstr(geo_db_path(s.dated[GEO_ROLE_ASN][2].db), "asn-undated"));
    geo_sources_close(&s);
    remove(tmp_path("dated/asn-undated.mmdb"));

    /* The usual names decide the type: GeoLite2-ASN.mmdb's type wins even
     * where another type has more files. */
    char sub2[512];
    snprintf(sub2, sizeof sub2, "%s/dated2", tmpdir);
    mkdir(sub2, 0755);
    copy_file(fixture("maxmind-asn"), tmp_path("dated2/GeoLite2-ASN.mmdb"));
    copy_file(fixture("dated-asn-2015"), tmp_path("dated2/a-2015-01-01.mmdb"));
    copy_file(fixture("dated-asn-2020"), tmp_path("dated2/a-2020-01-01.mmdb"));
    geo_sources_open(&s, sub2, "", NULL, 0, NULL, NULL);
    CU_ASSERT_EQUAL(s.n_dated[GEO_ROLE_ASN], 1);
    CU_ASSERT(!s.is_dated[GEO_ROLE_ASN]);
    CU_ASSERT_EQUAL(s.n_eras, 1);
    geo_sources_close(&s);
    remove(tmp_path("dated2/GeoLite2-ASN.mmdb"));
    geo_sources_open(&s, sub2, "", NULL, 0, NULL, NULL);
    CU_ASSERT_EQUAL(s.n_dated[GEO_ROLE_ASN], 2);
    CU_ASSERT_EQUAL(asn_at(&s, "198.51.100.7", "2016-01-01", &before), 64510);
    geo_sources_close(&s);
}

/* Dated answers are cached per era: the same address, two answers. */
static void test_cache_eras(void)
{
    geo_cache_t *c = geo_cache_new(0);
    geo_record_t rec;
    geo_addr_t a = addr_of("198.51.100.7");
    fill(&rec, 64510, "Old");
    geo_cache_insert(c, &a, 0, &rec);
    fill(&rec, 64520, "New");
    geo_cache_insert(c, &a, 1, &rec);
    CU_ASSERT_EQUAL(geo_cache_find(c, &a, 0)->asn, 64510);
    CU_ASSERT_EQUAL(geo_cache_find(c, &a, 1)->asn, 64520);
    CU_ASSERT_PTR_NULL(geo_cache_find(c, &a, 2));
    geo_cache_free(c);
}

/* ---- cache ------------------------------------------------------------------------ */

static void fill(geo_record_t *rec, uint32_t asn, const char *org)
{
    geo_record_clear(rec);
    rec->asn = asn;
    rec->have = A | NET;
    snprintf(rec->net, sizeof rec->net, "192.0.2.0/24");
    if (org) {
        snprintf(rec->as_org, sizeof rec->as_org, "%s", org);
        rec->have |= O;
    }
}

static void test_cache_basic(void)
{
    geo_cache_t *c = geo_cache_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    geo_addr_t v4 = addr_of("192.0.2.1"), mapped = addr_of("::ffff:192.0.2.1"),
               v6 = addr_of("2001:db8::1");
    CU_ASSERT_PTR_NULL(geo_cache_find(c, &v4, 0));

    geo_record_t rec;
    fill(&rec, 64500, "Org A");
    const geo_info_t *info = geo_cache_insert(c, &v4, 0, &rec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(info);
    strcpy(rec.as_org, "changed"); /* the cache keeps its own copy */
    info = geo_cache_find(c, &mapped, 0); /* IPv4-mapped: same key */
    CU_ASSERT_PTR_NOT_NULL_FATAL(info);
    CU_ASSERT_EQUAL(info->asn, 64500);
    HS_ASSERT_STR(info->as_org, "Org A");
    HS_ASSERT_STR(info->net, "192.0.2.0/24");
    HS_ASSERT_STR(info->summary, "AS64500 (Org A), 192.0.2.0/24");
    CU_ASSERT_PTR_NULL(info->country);

    /* "Not found" is an answer too. */
    geo_record_clear(&rec);
    info = geo_cache_insert(c, &v6, 0, &rec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(info);
    info = geo_cache_find(c, &v6, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(info);
    CU_ASSERT_EQUAL(info->have, 0);
    CU_ASSERT_PTR_NULL(info->summary);

    /* Summaries of partial records. */
    geo_addr_t other = addr_of("198.51.100.1");
    geo_record_clear(&rec);
    rec.have = C | N | NET;
    strcpy(rec.country, "JP");
    strcpy(rec.country_name, "Japan");
    strcpy(rec.net, "198.51.100.0/24");
    HS_ASSERT_STR(geo_cache_insert(c, &other, 0, &rec)->summary, "JP (Japan), 198.51.100.0/24");
    rec.have = O | N;
    strcpy(rec.as_org, "Org Only");
    HS_ASSERT_STR(geo_cache_insert(c, &other, 0, &rec)->summary, "Org Only, Japan");
    geo_cache_clear(c);
    geo_cache_insert(c, &v6, 0, &(geo_record_t){.have = 0});

    /* Re-inserting replaces. */
    fill(&rec, 64501, NULL);
    geo_cache_insert(c, &v4, 0, &rec);
    info = geo_cache_find(c, &v4, 0);
    CU_ASSERT_EQUAL(info->asn, 64501);
    CU_ASSERT_EQUAL(info->have, A | NET);

    geo_cache_stats_t st;
    geo_cache_get_stats(c, &st);
    CU_ASSERT_EQUAL(st.entries, 2);
    CU_ASSERT_EQUAL(st.hits, 3);
    CU_ASSERT_EQUAL(st.misses, 1);

    geo_cache_clear(c);
    CU_ASSERT_PTR_NULL(geo_cache_find(c, &v4, 0));
    geo_cache_get_stats(c, &st);
    CU_ASSERT_EQUAL(st.entries, 0);
    CU_ASSERT_EQUAL(st.string_bytes, 0);
    geo_cache_free(c);
    geo_cache_free(NULL);
}

static void test_cache_grow_and_bound(void)
{
    geo_cache_t *c = geo_cache_new(20000);
    geo_record_t rec;
    char org[32];
    geo_cache_stats_t st;
    /* 15000 addresses: the table grows, every one stays. */
    for (uint32_t i = 0; i < 15000; i++) {
        const uint8_t v4[4] = {10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
        geo_addr_t a;
        geo_addr_from_ipv4(&a, v4);
        snprintf(org, sizeof org, "org %u", i);
        fill(&rec, i, org);
        CU_ASSERT_PTR_NOT_NULL_FATAL(geo_cache_insert(c, &a, 0, &rec));
    }
    unsigned bad = 0;
    for (uint32_t i = 0; i < 15000; i++) {
        const uint8_t v4[4] = {10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
        geo_addr_t a;
        geo_addr_from_ipv4(&a, v4);
        const geo_info_t *info = geo_cache_find(c, &a, 0);
        snprintf(org, sizeof org, "org %u", i);
        if (!info || info->asn != i || strcmp(info->as_org, org) != 0)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    geo_cache_get_stats(c, &st);
    CU_ASSERT_EQUAL(st.entries, 15000);
    CU_ASSERT_EQUAL(st.flushes, 0);
    CU_ASSERT(st.slots >= 20000 && st.slots <= 32768);
    geo_cache_free(c);

    /* Bounded: the 5th address of a 4-entry cache empties it first. */
    c = geo_cache_new(4);
    for (uint32_t i = 0; i < 5; i++) {
        const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = (uint8_t)i};
        geo_addr_t a;
        geo_addr_from_ipv6(&a, v6);
        fill(&rec, i, "x");
        CU_ASSERT_PTR_NOT_NULL(geo_cache_insert(c, &a, 0, &rec));
    }
    geo_cache_get_stats(c, &st);
    CU_ASSERT_EQUAL(st.entries, 1);
    CU_ASSERT_EQUAL(st.flushes, 1);
    geo_cache_free(c);
}

/* ---- suite -------------------------------------------------------------------- */

static void setup_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/hs-geo-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(99);
    }
}

static void remove_tmpdir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static CU_TestInfo tests[] = {
    {"lookups: both schemas, IPv4/IPv6, prefix lengths, not found", test_lookup_table},
    {"schema and capabilities detected from the records", test_schema_detection},
    {"only the data asked for is read", test_want_mask},
    {"long strings are cut at a character boundary", test_long_string_cut},
    {"network formatting", test_format_net},
    {"addresses: IPv4-mapped IPv6 is IPv4", test_addr},
    {"every status has a phrase", test_strerror},
    {"missing, empty, text, truncated, schema-less files", test_open_errors},
    {"corrupt search tree", test_corrupt_tree},
    {"every byte flipped: no crash, promised statuses", test_corrupt_every_byte},
    {"sources from preferences", test_sources_explicit},
    {"sources from the usual folders", test_sources_defaults},
    {"dates in file names", test_date_in_name},
    {"dated databases from a folder: eras, types, duplicates", test_sources_dated},
    {"cache: one answer per era", test_cache_eras},
    {"cache: hit, miss, not-found, replace, clear", test_cache_basic},
    {"cache: growth and bound", test_cache_grow_and_bound},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    setup_tmpdir();
    int rc = hs_unit_run("geo", tests);
    remove_tmpdir();
    return rc;
}
