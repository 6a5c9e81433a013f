/*
 * geo.c - MaxMind-format databases: open once, learn the schema, look up.
 *
 * +------------------------------------------------------------------------+
 * | A database is opened memory-mapped with MMDB_open().  Its schema is not |
 * | guessed from its name: part of the search tree is walked and the keys  |
 * | of the first data records say whether it holds MaxMind/DB-IP or IPinfo  |
 * | fields, for AS numbers, countries or both.  Lookups read only the      |
 * | fields of that schema and refuse values of unexpected types.           |
 * +------------------------------------------------------------------------+
 */
#include "geo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

struct geo_db {
    MMDB_s mmdb;
    unsigned caps;
    geo_schema_t schema;
    char *path;
    dev_t dev;
    ino_t ino;
};

const char *geo_strerror(geo_status_t status)
{
    switch (status) {
    case GEO_OK:
        return "success";
    case GEO_NOT_FOUND:
        return "address not in the database";
    case GEO_ERR_OPEN:
        return "cannot open the file";
    case GEO_ERR_FORMAT:
        return "not a MaxMind DB file";
    case GEO_ERR_CORRUPT:
        return "damaged database";
    case GEO_ERR_SCHEMA:
        return "no AS or country data in a known schema";
    case GEO_ERR_TYPE:
        return "field of an unexpected type or value";
    case GEO_ERR_NOMEM:
        return "out of memory";
    case GEO_ERR_ARG:
        return "invalid argument";
    }
    return "unknown status";
}

static void set_why(char *why, size_t why_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_why(char *why, size_t why_len, const char *fmt, ...)
{
    if (!why || why_len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

/* ---- addresses ------------------------------------------------------------ */

static const uint8_t v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

void geo_addr_from_ipv4(geo_addr_t *addr, const uint8_t v4[4])
{
    memcpy(addr->b, v4_mapped_prefix, 12);
    memcpy(addr->b + 12, v4, 4);
}

void geo_addr_from_ipv6(geo_addr_t *addr, const uint8_t v6[16])
{
    memcpy(addr->b, v6, 16);
}

int geo_addr_is_ipv4(const geo_addr_t *addr)
{
    return memcmp(addr->b, v4_mapped_prefix, 12) == 0;
}

geo_status_t geo_addr_parse(const char *text, geo_addr_t *addr)
{
    uint8_t buf[16];
    if (!text || !addr)
        return GEO_ERR_ARG;
    if (inet_pton(AF_INET, text, buf) == 1) {
        geo_addr_from_ipv4(addr, buf);
        return GEO_OK;
    }
    if (inet_pton(AF_INET6, text, buf) == 1) {
        geo_addr_from_ipv6(addr, buf);
        return GEO_OK;
    }
    return GEO_ERR_ARG;
}

void geo_format_net(const geo_addr_t *addr, unsigned prefix_len, char out[GEO_NET_STRLEN])
{
    int v4 = geo_addr_is_ipv4(addr);
    unsigned bits = v4 ? 32 : 128;
    const uint8_t *src = v4 ? addr->b + 12 : addr->b;
    uint8_t masked[16] = {0};
    if (prefix_len > bits)
        prefix_len = bits;
    for (unsigned i = 0; i < bits / 8; i++) {
        unsigned keep = prefix_len > i * 8 ? prefix_len - i * 8 : 0;
        uint8_t mask = keep >= 8 ? 0xff : (uint8_t)(0xff00u >> keep);
        masked[i] = src[i] & mask;
    }
    char text[INET6_ADDRSTRLEN];
    if (!inet_ntop(v4 ? AF_INET : AF_INET6, masked, text, sizeof text))
        strcpy(text, "?");
    snprintf(out, GEO_NET_STRLEN, "%s/%u", text, prefix_len);
}

void geo_record_clear(geo_record_t *rec)
{
    rec->have = 0;
    rec->asn = 0;
    rec->as_org[0] = rec->country[0] = rec->country_name[0] = rec->net[0] = '\0';
}

/* ---- strings from the database ------------------------------------------- */

/* Length of the valid UTF-8 character at s (n bytes left), 0 if invalid. */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    unsigned cp = c & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/*
 * Copies n bytes of database text into dst as valid UTF-8: an invalid byte
 * becomes U+FFFD, a control character a space; cut at a character boundary
 * to fit.  Returns the length written.
 */
static size_t copy_text(char *dst, size_t dst_len, const char *src, size_t n)
{
    static const char replacement[] = "\xef\xbf\xbd";
    const unsigned char *s = (const unsigned char *)src;
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_char_len(s + i, n - i);
        const char *piece = (const char *)s + i;
        size_t piece_len = len;
        if (len == 0) {
            piece = replacement;
            piece_len = 3;
            len = 1;
        } else if (len == 1 && (s[i] < 0x20 || s[i] == 0x7f)) {
            piece = " ";
        }
        if (out + piece_len >= dst_len)
            break;
        memcpy(dst + out, piece, piece_len);
        out += piece_len;
        i += len;
    }
    dst[out] = '\0';
    return out;
}

/* ---- field readers --------------------------------------------------------- */

/* Outcome of reading one field: present, absent, or a problem. */
typedef enum { FIELD_ABSENT, FIELD_OK, FIELD_TYPE, FIELD_CORRUPT } field_t;

static field_t get_value(MMDB_entry_s *entry, MMDB_entry_data_s *data, const char *const *path)
{
    int rc = MMDB_aget_value(entry, data, path);
    if (rc == MMDB_SUCCESS)
        return data->has_data ? FIELD_OK : FIELD_ABSENT;
    if (rc != MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR)
        return FIELD_CORRUPT;
    /* libmaxminddb says the same for a missing key and for a string where a
     * map should be: walk the path to tell which. */
    const char *prefix[8];
    size_t n = 0;
    while (path[n] && n < 7)
        n++;
    for (size_t len = 0; len < n; len++) {
        MMDB_entry_data_s parent;
        memcpy(prefix, path, len * sizeof *prefix);
        prefix[len] = NULL;
        rc = MMDB_aget_value(entry, &parent, prefix);
        if (rc != MMDB_SUCCESS)
            return rc == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR ? FIELD_ABSENT : FIELD_CORRUPT;
        if (parent.type != MMDB_DATA_TYPE_MAP)
            return FIELD_TYPE; /* e.g. "country" is a string, not a map */
        prefix[len] = path[len];
        prefix[len + 1] = NULL;
        rc = MMDB_aget_value(entry, &parent, prefix);
        if (rc == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR)
            return FIELD_ABSENT; /* the key is not in the map */
        if (rc != MMDB_SUCCESS)
            return FIELD_CORRUPT;
    }
    return FIELD_TYPE;
}

static field_t get_string(MMDB_entry_s *entry, const char *const *path, char *out, size_t out_len)
{
    MMDB_entry_data_s data;
    field_t f = get_value(entry, &data, path);
    if (f != FIELD_OK)
        return f;
    if (data.type != MMDB_DATA_TYPE_UTF8_STRING)
        return FIELD_TYPE;
    return copy_text(out, out_len, data.utf8_string, data.data_size) ? FIELD_OK : FIELD_ABSENT;
}

static field_t uint_of(const MMDB_entry_data_s *data, uint32_t *out)
{
    switch (data->type) {
    case MMDB_DATA_TYPE_UINT16:
        *out = data->uint16;
        return FIELD_OK;
    case MMDB_DATA_TYPE_UINT32:
        *out = data->uint32;
        return FIELD_OK;
    case MMDB_DATA_TYPE_UINT64:
        if (data->uint64 > UINT32_MAX)
            return FIELD_TYPE;
        *out = (uint32_t)data->uint64;
        return FIELD_OK;
    case MMDB_DATA_TYPE_INT32:
        if (data->int32 < 0)
            return FIELD_TYPE;
        *out = (uint32_t)data->int32;
        return FIELD_OK;
    default:
        return FIELD_TYPE;
    }
}

/* "AS15169" (the AS prefix in any case, or none) -> 15169. */
static int parse_as_text(const char *s, size_t n, uint32_t *out)
{
    if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) {
        s += 2;
        n -= 2;
    }
    if (n == 0 || n > 10)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > UINT32_MAX)
        return 0;
    *out = (uint32_t)v;
    return 1;
}

/* An AS number: an unsigned integer, or (IPinfo) "AS123" text. */
static field_t get_asn(MMDB_entry_s *entry, const char *const *path, int text_ok, uint32_t *out)
{
    MMDB_entry_data_s data;
    field_t f = get_value(entry, &data, path);
    if (f != FIELD_OK)
        return f;
    if (data.type == MMDB_DATA_TYPE_UTF8_STRING && text_ok) {
        if (data.data_size == 0)
            return FIELD_ABSENT; /* IPinfo: network without an AS */
        return parse_as_text(data.utf8_string, data.data_size, out) ? FIELD_OK : FIELD_TYPE;
    }
    return uint_of(&data, out);
}

/* An ISO 3166-1 alpha-2 code: two ASCII letters, stored upper case. */
static field_t get_country_code(MMDB_entry_s *entry, const char *const *path, char out[3])
{
    MMDB_entry_data_s data;
    field_t f = get_value(entry, &data, path);
    if (f != FIELD_OK)
        return f;
    if (data.type != MMDB_DATA_TYPE_UTF8_STRING)
        return FIELD_TYPE;
    if (data.data_size == 0)
        return FIELD_ABSENT;
    if (data.data_size != 2)
        return FIELD_TYPE;
    for (int i = 0; i < 2; i++) {
        char c = data.utf8_string[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z')
            return FIELD_TYPE;
        out[i] = c;
    }
    out[2] = '\0';
    return FIELD_OK;
}

static const char *const p_mm_asn[] = {"autonomous_system_number", NULL};
static const char *const p_mm_org[] = {"autonomous_system_organization", NULL};
static const char *const p_mm_iso[] = {"country", "iso_code", NULL};
static const char *const p_mm_country[] = {"country", NULL};
static const char *const p_mm_name[] = {"country", "names", "en", NULL};
static const char *const p_ii_asn[] = {"asn", NULL};
static const char *const p_ii_org[] = {"as_name", NULL};
static const char *const p_ii_code[] = {"country_code", NULL};
static const char *const p_ii_country[] = {"country", NULL};
static const char *const p_ii_country_name[] = {"country_name", NULL};

/* Worst of two field outcomes, as a status contribution. */
static void note(field_t f, int *type_err, int *corrupt)
{
    if (f == FIELD_TYPE)
        *type_err = 1;
    else if (f == FIELD_CORRUPT)
        *corrupt = 1;
}

/* Notes field f's outcome, marking it in rec->have when read. */
static void keep(int *type_err, int *corrupt, geo_record_t *rec, field_t f, unsigned have_bit)
{
    if (f == FIELD_OK)
        rec->have |= have_bit;
    note(f, type_err, corrupt);
}

static geo_status_t read_record(const geo_db_t *db, MMDB_entry_s *entry, unsigned want,
                                geo_record_t *rec)
{
    int type_err = 0, corrupt = 0;
    want &= db->caps;

    int mm = db->schema == GEO_SCHEMA_MAXMIND;
    if (want & GEO_CAP_ASN) {
        keep(&type_err, &corrupt, rec, get_asn(entry, mm ? p_mm_asn : p_ii_asn, !mm, &rec->asn),
             GEO_HAVE_ASN);
        keep(&type_err, &corrupt, rec,
             get_string(entry, mm ? p_mm_org : p_ii_org, rec->as_org, sizeof rec->as_org),
             GEO_HAVE_ORG);
    }
    if (want & GEO_CAP_COUNTRY) {
        /* MaxMind/DB-IP: country.iso_code + country.names.en; ipinfo_lite:
         * country_code + country (the name); country_asn.mmdb: country (the
         * code) + country_name. */
        const char *const *code = p_mm_iso, *const *name = p_mm_name;
        if (!mm) {
            MMDB_entry_data_s probe;
            int lite = get_value(entry, &probe, p_ii_code) != FIELD_ABSENT;
            code = lite ? p_ii_code : p_ii_country;
            name = lite ? p_ii_country : p_ii_country_name;
        }
        keep(&type_err, &corrupt, rec, get_country_code(entry, code, rec->country),
             GEO_HAVE_COUNTRY);
        keep(&type_err, &corrupt, rec,
             get_string(entry, name, rec->country_name, sizeof rec->country_name),
             GEO_HAVE_COUNTRY_NAME);
    }
    if (corrupt)
        return GEO_ERR_CORRUPT;
    return type_err ? GEO_ERR_TYPE : GEO_OK;
}

/* ---- opening and probing ----------------------------------------------------- */

typedef struct {
    unsigned records;
    unsigned mm_asn, mm_country, ii_asn, ii_country;
} probe_counts_t;

static int has_key(MMDB_entry_s *entry, const char *const *path, int *corrupt)
{
    MMDB_entry_data_s data;
    field_t f = get_value(entry, &data, path);
    if (f == FIELD_CORRUPT)
        *corrupt = 1;
    return f == FIELD_OK;
}

static int is_string(MMDB_entry_s *entry, const char *const *path)
{
    MMDB_entry_data_s data;
    return get_value(entry, &data, path) == FIELD_OK && data.type == MMDB_DATA_TYPE_UTF8_STRING;
}

static geo_status_t probe_record(MMDB_entry_s *entry, probe_counts_t *pc)
{
    MMDB_entry_data_s top;
    const char *const root[] = {NULL};
    if (get_value(entry, &top, root) == FIELD_CORRUPT)
        return GEO_ERR_CORRUPT;
    pc->records++;
    if (top.type != MMDB_DATA_TYPE_MAP)
        return GEO_OK; /* counted, holds nothing we read */
    int corrupt = 0;
    pc->mm_asn += has_key(entry, p_mm_asn, &corrupt);
    MMDB_entry_data_s country;
    if (get_value(entry, &country, p_mm_country) == FIELD_OK &&
        country.type == MMDB_DATA_TYPE_MAP)
        pc->mm_country++;
    pc->ii_asn += has_key(entry, p_ii_asn, &corrupt);
    pc->ii_country += has_key(entry, p_ii_code, &corrupt) ||
                      (is_string(entry, p_ii_country) && is_string(entry, p_ii_country_name));
    return corrupt ? GEO_ERR_CORRUPT : GEO_OK;
}

/* Walks the search tree depth first from the root, looking at up to
 * GEO_PROBE_RECORDS data records within GEO_PROBE_NODES nodes. */
static geo_status_t probe_tree(const geo_db_t *db, probe_counts_t *pc)
{
    uint32_t stack[2 * 130];
    size_t sp = 0;
    unsigned visited = 0;
    if (db->mmdb.metadata.node_count == 0)
        return GEO_OK;
    stack[sp++] = 0;
    while (sp > 0 && visited < GEO_PROBE_NODES && pc->records < GEO_PROBE_RECORDS) {
        uint32_t n = stack[--sp];
        MMDB_search_node_s node;
        visited++;
        if (MMDB_read_node(&db->mmdb, n, &node) != MMDB_SUCCESS)
            return GEO_ERR_CORRUPT;
        /* Right pushed first so the left (lower addresses) is seen first. */
        const uint8_t types[2] = {node.right_record_type, node.left_record_type};
        const uint64_t recs[2] = {node.right_record, node.left_record};
        MMDB_entry_s entries[2] = {node.right_record_entry, node.left_record_entry};
        for (int i = 0; i < 2; i++) {
            switch (types[i]) {
            case MMDB_RECORD_TYPE_SEARCH_NODE:
                if (sp < sizeof stack / sizeof stack[0])
                    stack[sp++] = (uint32_t)recs[i];
                break;
            case MMDB_RECORD_TYPE_DATA: {
                geo_status_t st = probe_record(&entries[i], pc);
                if (st != GEO_OK)
                    return st;
                break;
            }
            case MMDB_RECORD_TYPE_EMPTY:
                break;
            default:
                return GEO_ERR_CORRUPT;
            }
        }
    }
    return GEO_OK;
}

static int type_has(const char *type, const char *word)
{
    return type && strstr(type, word) != NULL;
}

static geo_status_t learn_schema(geo_db_t *db, char *why, size_t why_len)
{
    probe_counts_t pc = {0};
    geo_status_t st = probe_tree(db, &pc);
    if (st != GEO_OK) {
        set_why(why, why_len, "is damaged (its search tree or data section is invalid)");
        return st;
    }
    unsigned mm = pc.mm_asn + pc.mm_country, ii = pc.ii_asn + pc.ii_country;
    if (mm > 0 && mm >= ii) {
        db->schema = GEO_SCHEMA_MAXMIND;
        db->caps = (pc.mm_asn ? GEO_CAP_ASN : 0) | (pc.mm_country ? GEO_CAP_COUNTRY : 0);
    } else if (ii > 0) {
        db->schema = GEO_SCHEMA_IPINFO;
        db->caps = (pc.ii_asn ? GEO_CAP_ASN : 0) | (pc.ii_country ? GEO_CAP_COUNTRY : 0);
    } else if (pc.records == 0) {
        /* Nothing to look at (an empty database): trust the type name. */
        const char *t = db->mmdb.metadata.database_type;
        if (type_has(t, "ipinfo") || type_has(t, "country_asn")) {
            db->schema = GEO_SCHEMA_IPINFO;
            db->caps = GEO_CAP_ASN | GEO_CAP_COUNTRY;
        } else {
            db->schema = GEO_SCHEMA_MAXMIND;
            db->caps = (type_has(t, "ASN") || type_has(t, "ISP") ? GEO_CAP_ASN : 0) |
                       (type_has(t, "Country") || type_has(t, "City") ? GEO_CAP_COUNTRY : 0);
        }
    }
    if (db->caps == 0) {
        set_why(why, why_len,
                "holds no AS or country data in a known schema (database type \"%s\")",
                geo_db_type(db));
        return GEO_ERR_SCHEMA;
    }
    return GEO_OK;
}

geo_status_t geo_db_open(const char *path, geo_db_t **out, char *why, size_t why_len)
{
    struct stat st;
    geo_status_t status;
    geo_db_t *db = NULL;

    set_why(why, why_len, "%s", "");
    if (!out)
        return GEO_ERR_ARG;
    *out = NULL;
    if (!path || !*path || strlen(path) >= GEO_PATH_MAX) {
        set_why(why, why_len, "is not a usable file name");
        return GEO_ERR_ARG;
    }
    if (stat(path, &st) != 0) {
        set_why(why, why_len, "cannot be opened (%s)", strerror(errno));
        return GEO_ERR_OPEN;
    }
    if (!S_ISREG(st.st_mode)) {
        set_why(why, why_len, "is not a regular file");
        return GEO_ERR_OPEN;
    }
    if (st.st_size == 0) {
        set_why(why, why_len, "is empty, not a MaxMind DB file");
        return GEO_ERR_FORMAT;
    }

    db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        set_why(why, why_len, "cannot be opened (out of memory)");
        return GEO_ERR_NOMEM;
    }
    db->dev = st.st_dev;
    db->ino = st.st_ino;

    errno = 0;
    int rc = MMDB_open(path, MMDB_MODE_MMAP, &db->mmdb);
    if (rc != MMDB_SUCCESS) {
        int saved_errno = errno;
        switch (rc) {
        case MMDB_FILE_OPEN_ERROR:
        case MMDB_IO_ERROR:
            status = GEO_ERR_OPEN;
            set_why(why, why_len, "cannot be opened (%s)",
                    saved_errno ? strerror(saved_errno) : MMDB_strerror(rc));
            break;
        case MMDB_OUT_OF_MEMORY_ERROR:
            status = GEO_ERR_NOMEM;
            set_why(why, why_len, "cannot be opened (out of memory)");
            break;
        case MMDB_INVALID_METADATA_ERROR:
        case MMDB_UNKNOWN_DATABASE_FORMAT_ERROR:
            status = GEO_ERR_FORMAT;
            set_why(why, why_len,
                    "is not a MaxMind DB file, or is truncated (%s)", MMDB_strerror(rc));
            break;
        default:
            status = GEO_ERR_CORRUPT;
            set_why(why, why_len, "is damaged (%s)", MMDB_strerror(rc));
            break;
        }
        free(db->path);
        free(db);
        return status;
    }

    status = learn_schema(db, why, why_len);
    if (status != GEO_OK) {
        geo_db_close(db);
        return status;
    }
    *out = db;
    return GEO_OK;
}

void geo_db_close(geo_db_t *db)
{
    if (!db)
        return;
    MMDB_close(&db->mmdb);
    free(db->path);
    free(db);
}

unsigned geo_db_caps(const geo_db_t *db)
{
    return db ? db->caps : 0;
}

geo_schema_t geo_db_schema(const geo_db_t *db)
{
    return db->schema;
}

const char *geo_db_path(const geo_db_t *db)
{
    return db->path;
}

int64_t geo_db_build_epoch(const geo_db_t *db)
{
    uint64_t e = db->mmdb.metadata.build_epoch;
    return e > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)e;
}

void geo_db_file_id(const geo_db_t *db, uint64_t *dev, uint64_t *ino)
{
    *dev = (uint64_t)db->dev;
    *ino = (uint64_t)db->ino;
}

const char *geo_db_type(const geo_db_t *db)
{
    const char *t = db->mmdb.metadata.database_type;
    return t ? t : "";
}

geo_status_t geo_db_lookup(const geo_db_t *db, const geo_addr_t *addr, unsigned want,
                           geo_record_t *rec)
{
    struct sockaddr_storage ss;
    int v4 = geo_addr_is_ipv4(addr);
    int mmdb_error = MMDB_SUCCESS;

    if (!db || !addr || !rec)
        return GEO_ERR_ARG;
    memset(&ss, 0, sizeof ss);
    if (v4) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        memcpy(&sin->sin_addr, addr->b + 12, 4);
    } else {
        if (db->mmdb.metadata.ip_version == 4)
            return GEO_NOT_FOUND;
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        memcpy(&sin6->sin6_addr, addr->b, 16);
    }

    MMDB_lookup_result_s res =
        MMDB_lookup_sockaddr(&db->mmdb, (const struct sockaddr *)&ss, &mmdb_error);
    if (mmdb_error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR)
        return GEO_NOT_FOUND;
    if (mmdb_error != MMDB_SUCCESS)
        return GEO_ERR_CORRUPT;
    if (!res.found_entry)
        return GEO_NOT_FOUND;

    if (!(rec->have & GEO_HAVE_NET)) {
        unsigned prefix = res.netmask;
        if (v4 && db->mmdb.metadata.ip_version == 6)
            prefix = prefix >= 96 ? prefix - 96 : 0;
        geo_format_net(addr, prefix, rec->net);
        rec->have |= GEO_HAVE_NET;
    }
    return read_record(db, &res.entry, want, rec);
}
