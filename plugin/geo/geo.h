/*
 * geo.h - source attribution: AS and country of an IP address from
 * MaxMind-format databases (libmaxminddb).  No Wireshark header.
 *
 *   geo_db_*       one database file: open once, learn its schema, look up.
 *   geo_sources_*  the pair the plugin uses (AS database, country database),
 *                  chosen from preferences or the usual files, each opened
 *                  once even when both roles name the same file.
 *   geo_cache_*    answers per address, bounded, in geo_cache.c.
 *
 * Two schemas are read:
 *   MaxMind (GeoLite2/GeoIP2, DB-IP):  autonomous_system_number (integer),
 *       autonomous_system_organization, country.iso_code, country.names.en
 *   IPinfo (ipinfo_lite.mmdb):  asn ("AS15169"), as_name, country_code,
 *       country (English name); the older country_asn.mmdb layout (country
 *       holding the code, country_name the name) is read too.
 *
 * Functions return a geo_status_t; geo_strerror() turns one into a phrase.
 */
#ifndef GEO_H
#define GEO_H

#include <stddef.h>
#include <stdint.h>

#include "geo_limits.h"

typedef enum geo_status {
    GEO_OK = 0,
    GEO_NOT_FOUND,   /* the address is in no network of the database */
    GEO_ERR_OPEN,    /* the file cannot be opened or read */
    GEO_ERR_FORMAT,  /* not a MaxMind DB file, or its metadata is invalid */
    GEO_ERR_CORRUPT, /* the search tree or the data section is damaged */
    GEO_ERR_SCHEMA,  /* no AS or country data in a schema we know */
    GEO_ERR_TYPE,    /* a known field has an unexpected type or value */
    GEO_ERR_NOMEM,
    GEO_ERR_ARG,
} geo_status_t;

const char *geo_strerror(geo_status_t status);

/* An address as 16 bytes; IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so an
 * IPv4-mapped IPv6 address is the same key and resolves as IPv4. */
typedef struct geo_addr {
    uint8_t b[16];
} geo_addr_t;

void geo_addr_from_ipv4(geo_addr_t *addr, const uint8_t v4[4]);
void geo_addr_from_ipv6(geo_addr_t *addr, const uint8_t v6[16]);
int geo_addr_is_ipv4(const geo_addr_t *addr);
/* Parses dotted IPv4 or textual IPv6; GEO_ERR_ARG when it is neither. */
geo_status_t geo_addr_parse(const char *text, geo_addr_t *addr);

/* What a lookup found; which members are valid is said by `have`. */
enum {
    GEO_HAVE_ASN = 1u << 0,
    GEO_HAVE_ORG = 1u << 1,
    GEO_HAVE_COUNTRY = 1u << 2,
    GEO_HAVE_COUNTRY_NAME = 1u << 3,
    GEO_HAVE_NET = 1u << 4,
};

/* "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" and its NUL. */
#define GEO_NET_STRLEN 44

typedef struct geo_record {
    unsigned have;
    uint32_t asn;
    char as_org[GEO_STR_MAX];
    char country[3]; /* ISO 3166-1 alpha-2, upper case */
    char country_name[GEO_STR_MAX];
    char net[GEO_NET_STRLEN]; /* network that matched, CIDR; IPv4 form for IPv4 */
} geo_record_t;

void geo_record_clear(geo_record_t *rec);

/* Formats addr masked to prefix_len bits as "net/len" (IPv4 form when addr is
 * IPv4 and prefix_len counts IPv4 bits). */
void geo_format_net(const geo_addr_t *addr, unsigned prefix_len, char out[GEO_NET_STRLEN]);

/* ---- one database ------------------------------------------------------ */

typedef struct geo_db geo_db_t;

/* What a database can answer. */
enum {
    GEO_CAP_ASN = 1u << 0,
    GEO_CAP_COUNTRY = 1u << 1,
};

typedef enum geo_schema {
    GEO_SCHEMA_MAXMIND = 1, /* also DB-IP */
    GEO_SCHEMA_IPINFO = 2,
} geo_schema_t;

/*
 * Opens path (memory-mapped), checks it is a MaxMind DB and walks part of it
 * to learn its schema and capabilities.  On failure *out is NULL and, when
 * why is not NULL, why receives a sentence fragment saying what is wrong
 * ("No such file or directory", "not a MaxMind DB file ...").
 */
geo_status_t geo_db_open(const char *path, geo_db_t **out, char *why, size_t why_len);
void geo_db_close(geo_db_t *db);

unsigned geo_db_caps(const geo_db_t *db);
geo_schema_t geo_db_schema(const geo_db_t *db);
const char *geo_db_path(const geo_db_t *db);
/* The metadata's database_type ("GeoLite2-ASN"), "" when absent. */
const char *geo_db_type(const geo_db_t *db);

/*
 * Looks addr up and adds to rec what `want` (GEO_CAP_*) asks for and the
 * database has, plus the matching network if rec has none yet.  Returns
 * GEO_OK when the address is in a network of the database (its record may
 * still lack a field), GEO_NOT_FOUND when not, GEO_ERR_CORRUPT on a damaged
 * database, GEO_ERR_TYPE when a field has an unexpected type (the fields
 * that were fine are filled).  An IPv6 address looked up in an IPv4-only
 * database is GEO_NOT_FOUND.
 */
geo_status_t geo_db_lookup(const geo_db_t *db, const geo_addr_t *addr, unsigned want,
                           geo_record_t *rec);

/* ---- dates (geo_dated.c) ----------------------------------------------- */

/* "YYYY-MM-DD" and its NUL. */
#define GEO_DATE_STRLEN 11

/*
 * The date a file name gives, as archives name them: YYYYMMDD
 * ("GeoLite2-ASN_20150301"), YYYY-MM-DD, YYYY_MM_DD or YYYY.MM.DD
 * ("asn-2015-03-01"), or YYYY-MM (DB-IP's "dbip-asn-lite-2015-03", the 1st
 * of the month).  The digits must not touch other digits.  Sets *day to the
 * day's first second (UTC) and returns 1, or returns 0.
 */
int geo_date_in_name(const char *name, int64_t *day);
/* The UTC date of t as "YYYY-MM-DD". */
void geo_format_date(int64_t t, char out[GEO_DATE_STRLEN]);

/* The metadata's build_epoch (seconds since 1970). */
int64_t geo_db_build_epoch(const geo_db_t *db);
/* The device and inode of the file, to open a file once. */
void geo_db_file_id(const geo_db_t *db, uint64_t *dev, uint64_t *ino);

/* ---- the databases the plugin uses -------------------------------------- */

typedef enum geo_role {
    GEO_ROLE_ASN = 0,
    GEO_ROLE_COUNTRY = 1,
} geo_role_t;

/* One database of a role and the date it stands for: the date in its file
 * name (or its folder's), else its build_epoch. */
typedef struct geo_dated {
    geo_db_t *db;
    int64_t date;                /* seconds since 1970, UTC */
    char text[GEO_DATE_STRLEN];  /* the date as "YYYY-MM-DD" */
} geo_dated_t;

/* A span of capture time in which each role uses one database.  Eras follow
 * each other from the earliest (start INT64_MIN) on. */
typedef struct geo_era {
    int64_t start;              /* first second of the era */
    const geo_dated_t *use[2];  /* by geo_role_t; NULL when the role has none */
    unsigned before;            /* bit 1 << role: the time is before every
                                 * database of the role, the oldest is used */
} geo_era_t;

typedef struct geo_sources {
    geo_db_t *db[2];       /* by geo_role_t: the newest database; NULL when none */
    /* Each role's databases, oldest first (one when the role is not dated). */
    geo_dated_t *dated[2];
    size_t n_dated[2];
    int is_dated[2];       /* chosen from a folder of several dated files */
    geo_era_t *eras;       /* at least one when a role has a database */
    size_t n_eras;
    geo_db_t **owned;      /* what geo_sources_close() closes */
    size_t n_owned;
} geo_sources_t;

/* Called once per problem found while opening; message is one sentence
 * without a final period, naming the file. */
typedef void (*geo_report_fn)(void *user, geo_role_t role, geo_status_t status,
                              const char *message);

/*
 * Chooses and opens the AS and country databases:
 *  - a non-empty asn_path / country_path that is a file is opened for its
 *    role (and only that file: a broken one is reported, not replaced);
 *  - one that is a folder is searched, with its subfolders one level deep,
 *    for *.mmdb files holding the role's data.  Files of the same
 *    database_type as the first usual name found (else of the most common
 *    type) are the role's databases; when there are several, each stands for
 *    its date (geo_date_in_name() of its name or folder, else build_epoch)
 *    and a packet uses the newest one built at or before its time;
 *  - an empty one takes the other role's databases when they hold this
 *    role's data too (IPinfo holds both), else the first of the usual file
 *    names (geo_default_names()) found in dirs, directory by directory.
 * The same file is opened once.  A database lacking its role's data is
 * reported and not used for that role.  Never fails as a whole: roles that
 * found nothing are NULL.
 */
void geo_sources_open(geo_sources_t *src, const char *asn_path, const char *country_path,
                      const char *const *dirs, size_t n_dirs, geo_report_fn report, void *user);
void geo_sources_close(geo_sources_t *src);

/* The index of the era that holds time t (seconds since 1970); 0 when there
 * are no eras.  hint, an era index or SIZE_MAX, is tried first (captures
 * are in time order). */
size_t geo_sources_era(const geo_sources_t *src, int64_t t, size_t hint);

/*
 * Clears rec and fills it from the databases of era (the AS database's
 * network wins for rec->net).  Returns GEO_OK if any database had the
 * address, GEO_NOT_FOUND if none, else the first error; *err_role (may be
 * NULL) says which database gave it.  geo_sources_lookup() uses the newest
 * databases.
 */
geo_status_t geo_sources_lookup_era(const geo_sources_t *src, size_t era, const geo_addr_t *addr,
                                    geo_record_t *rec, geo_role_t *err_role);
geo_status_t geo_sources_lookup(const geo_sources_t *src, const geo_addr_t *addr,
                                geo_record_t *rec, geo_role_t *err_role);

/* NULL-terminated list of the usual file names for a role, in preference order. */
const char *const *geo_default_names(geo_role_t role);

/* Finds the first usual file for role in dirs; copies its path to out and
 * returns 1, or returns 0. */
int geo_find_default(geo_role_t role, const char *const *dirs, size_t n_dirs, char *out,
                     size_t out_len);

/* ---- cache (geo_cache.c) ------------------------------------------------ */

/* A cached answer; the strings live in the cache until it is cleared or
 * flushed (read them before the next geo_cache_insert()). */
typedef struct geo_info {
    const char *as_org;
    const char *country;
    const char *country_name;
    const char *net;
    /* All of it on one line, for a tree label: "AS64500 (Example Org), JP
     * (Japan), 192.0.2.0/24"; NULL when have == 0. */
    const char *summary;
    uint32_t asn;
    unsigned have; /* GEO_HAVE_* */
} geo_info_t;

typedef struct geo_cache geo_cache_t;

typedef struct geo_cache_stats {
    uint64_t hits, misses, flushes;
    size_t entries, slots, string_bytes;
} geo_cache_stats_t;

/* A cache that holds at most max_entries addresses (0: GEO_CACHE_MAX_ENTRIES). */
geo_cache_t *geo_cache_new(size_t max_entries);
void geo_cache_free(geo_cache_t *cache);
/* Forgets every address (a new capture file, other databases). */
void geo_cache_clear(geo_cache_t *cache);
/* The answer for addr in era (geo_sources_era()), or NULL when it is not
 * cached.  Allocates nothing. */
const geo_info_t *geo_cache_find(geo_cache_t *cache, const geo_addr_t *addr, uint32_t era);
/* Stores rec (a "not found" too: rec->have == 0) for addr in era and returns
 * the cached copy; when the cache is full it is emptied first.  NULL only
 * when out of memory. */
const geo_info_t *geo_cache_insert(geo_cache_t *cache, const geo_addr_t *addr, uint32_t era,
                                   const geo_record_t *rec);
void geo_cache_get_stats(const geo_cache_t *cache, geo_cache_stats_t *stats);

#endif /* GEO_H */
