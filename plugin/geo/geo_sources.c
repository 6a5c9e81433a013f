/*
 * geo_sources.c - which databases answer for AS numbers and countries, and
 * from when.
 *
 * +------------------------------------------------------------------------+
 * | Each role (AS, country) gets one database, or a series of dated ones   |
 * | when its preference names a folder of archives.  The dates of both     |
 * | roles cut capture time into eras; within an era every role uses one    |
 * | database, so a lookup is keyed by (address, era) and the per-packet    |
 * | cost of dating is finding the era: one comparison while packets come   |
 * | in time order, a binary search otherwise.                              |
 * +------------------------------------------------------------------------+
 */
#include "geo.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- usual names ------------------------------------------------------------ */

static const char *const asn_names[] = {
    "GeoLite2-ASN.mmdb", "dbip-asn-lite.mmdb", "ipinfo_lite.mmdb", "country_asn.mmdb",
    "GeoIP2-ISP.mmdb",   NULL,
};
static const char *const country_names[] = {
    "GeoLite2-Country.mmdb",  "GeoIP2-Country.mmdb", "GeoLite2-City.mmdb",
    "GeoIP2-City.mmdb",       "dbip-country-lite.mmdb", "dbip-city-lite.mmdb",
    "ipinfo_lite.mmdb",       "country_asn.mmdb",    NULL,
};

const char *const *geo_default_names(geo_role_t role)
{
    return role == GEO_ROLE_ASN ? asn_names : country_names;
}

static const char *role_label(geo_role_t role)
{
    return role == GEO_ROLE_ASN ? "AS" : "country";
}

static unsigned role_cap(geo_role_t role)
{
    return role == GEO_ROLE_ASN ? GEO_CAP_ASN : GEO_CAP_COUNTRY;
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int join_path(char *out, size_t out_len, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    const char *sep = dl > 0 && dir[dl - 1] == '/' ? "" : "/";
    int n = snprintf(out, out_len, "%s%s%s", dir, sep, name);
    return n > 0 && (size_t)n < out_len;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The k-th (from 0) usual file of role that exists in dirs: its path in out
 * and 1, or 0 when there are not that many. */
static int default_candidate(geo_role_t role, const char *const *dirs, size_t n_dirs,
                             size_t k, char *out, size_t out_len)
{
    for (size_t d = 0; d < n_dirs && d < GEO_SEARCH_DIRS_MAX; d++) {
        if (!dirs[d] || !*dirs[d])
            continue;
        for (const char *const *name = geo_default_names(role); *name; name++) {
            if (join_path(out, out_len, dirs[d], *name) && is_regular(out) && k-- == 0)
                return 1;
        }
    }
    return 0;
}

int geo_find_default(geo_role_t role, const char *const *dirs, size_t n_dirs, char *out,
                     size_t out_len)
{
    return default_candidate(role, dirs, n_dirs, 0, out, out_len);
}

/* ---- opening, each file once ------------------------------------------------- */

/* Every database opened while choosing; those not chosen are closed at the end. */
#define OPEN_MAX (2 * GEO_DATED_MAX + 2 * GEO_SEARCH_DIRS_MAX)
typedef struct {
    geo_db_t **list;
    size_t n, cap;
    geo_report_fn report;
    void *user;
    int quiet; /* looking again in a folder whose problems were reported */
} chooser_t;

static void report_msg(const chooser_t *ch, geo_role_t role, geo_status_t st, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));
static void report_msg(const chooser_t *ch, geo_role_t role, geo_status_t st, const char *fmt,
                       ...)
{
    char msg[2 * GEO_PATH_MAX + 512];
    va_list ap;
    if (!ch->report || ch->quiet)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ch->report(ch->user, role, st, msg);
}

/* The already opened database that is the file at path, if any. */
static geo_db_t *find_opened(const chooser_t *ch, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    for (size_t i = 0; i < ch->n; i++) {
        uint64_t dev, ino;
        geo_db_file_id(ch->list[i], &dev, &ino);
        if (dev == (uint64_t)st.st_dev && ino == (uint64_t)st.st_ino)
            return ch->list[i];
    }
    return NULL;
}

/* Opens path (or finds it open), reporting a file that cannot be read. */
static geo_db_t *open_file(chooser_t *ch, geo_role_t role, const char *path)
{
    geo_db_t *db = find_opened(ch, path);
    if (db)
        return db;
    if (ch->n == ch->cap) {
        size_t cap = ch->cap ? 2 * ch->cap : 8;
        geo_db_t **list = ch->n < OPEN_MAX ? realloc(ch->list, cap * sizeof *list) : NULL;
        if (!list)
            return NULL;
        ch->list = list;
        ch->cap = cap;
    }
    char why[512];
    geo_status_t st = geo_db_open(path, &db, why, sizeof why);
    if (st != GEO_OK) {
        report_msg(ch, role, st, "%s database \"%s\" %s", role_label(role),
                   path, why);
        return NULL;
    }
    ch->list[ch->n++] = db;
    return db;
}

/* Opens path for role; the database when it holds the role's data. */
static geo_db_t *open_for(chooser_t *ch, geo_role_t role, const char *path)
{
    geo_db_t *db = open_file(ch, role, path);
    if (db && !(geo_db_caps(db) & role_cap(role))) {
        report_msg(ch, role, GEO_ERR_SCHEMA,
                   "%s database \"%s\" holds no %s data (database type \"%s\")",
                   role_label(role), path, role_label(role), geo_db_type(db));
        return NULL;
    }
    return db;
}

/* The first usual file of role in dirs that opens and holds the role's data. */
static geo_db_t *open_default(chooser_t *ch, geo_role_t role, const char *const *dirs,
                              size_t n_dirs)
{
    char path[GEO_PATH_MAX];
    for (size_t k = 0; default_candidate(role, dirs, n_dirs, k, path, sizeof path); k++) {
        geo_db_t *db = open_for(ch, role, path);
        if (db)
            return db;
    }
    return NULL;
}

/* ---- a folder of databases ----------------------------------------------------- */

typedef struct {
    char **paths;
    size_t n;
    int more; /* some left out: past GEO_DATED_MAX or GEO_FOLDER_ENTRIES_MAX */
} file_list_t;

static int ends_with_mmdb(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".mmdb") == 0;
}

static void add_path(file_list_t *fl, const char *path)
{
    if (fl->n == GEO_DATED_MAX) {
        fl->more = 1;
        return;
    }
    char *copy = strdup(path);
    char **paths = copy ? realloc(fl->paths, (fl->n + 1) * sizeof *paths) : NULL;
    if (!paths) {
        free(copy);
        fl->more = 1;
        return;
    }
    fl->paths = paths;
    fl->paths[fl->n++] = copy;
}

/* Adds the *.mmdb files of dir, and (depth 0) of its subfolders. */
static void list_folder(file_list_t *fl, const char *dir, int depth, size_t *entries)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[GEO_PATH_MAX];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (++*entries > GEO_FOLDER_ENTRIES_MAX) {
            fl->more = 1;
            break;
        }
        if (e->d_name[0] == '.' || !join_path(path, sizeof path, dir, e->d_name))
            continue;
        if (ends_with_mmdb(e->d_name) && is_regular(path))
            add_path(fl, path);
        else if (depth == 0 && is_dir(path))
            list_folder(fl, path, 1, entries);
    }
    closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_list(file_list_t *fl)
{
    for (size_t i = 0; i < fl->n; i++)
        free(fl->paths[i]);
    free(fl->paths);
}

/* The date a database of a folder stands for: the date in its name, else in
 * its subfolder's name (MaxMind's GeoLite2-ASN_20150301/), else its build. */
static int64_t date_of(const char *folder, const char *path, const geo_db_t *db)
{
    int64_t day;
    if (geo_date_in_name(base_name(path), &day))
        return day;
    size_t fl = strlen(folder), pl = strlen(path) - strlen(base_name(path));
    if (pl > fl + 1) { /* in a subfolder: its name lies between folder and base name */
        char sub[GEO_PATH_MAX];
        size_t start = fl + (folder[fl - 1] != '/');
        snprintf(sub, sizeof sub, "%.*s", (int)(pl - 1 - start), path + start);
        if (geo_date_in_name(sub, &day))
            return day;
    }
    return geo_db_build_epoch(db);
}

static int cmp_dated(const void *a, const void *b)
{
    const geo_dated_t *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    int64_t bx = geo_db_build_epoch(x->db), by = geo_db_build_epoch(y->db);
    if (bx != by)
        return bx < by ? -1 : 1;
    return strcmp(geo_db_path(x->db), geo_db_path(y->db));
}

/* The database type role's databases in the folder share: the type of the
 * first usual name found, else the most common one (ties: the first by name). */
static const char *chosen_type(geo_db_t *const *dbs, const char *const *paths, size_t n,
                               geo_role_t role)
{
    for (const char *const *name = geo_default_names(role); *name; name++) {
        for (size_t i = 0; i < n; i++) {
            if (dbs[i] && strcmp(base_name(paths[i]), *name) == 0)
                return geo_db_type(dbs[i]);
        }
    }
    const char *best = NULL;
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!dbs[i])
            continue;
        size_t count = 0;
        for (size_t j = 0; j < n; j++)
            count += dbs[j] && strcmp(geo_db_type(dbs[j]), geo_db_type(dbs[i])) == 0;
        if (count > best_count || (count == best_count && strcmp(geo_db_type(dbs[i]), best) < 0)) {
            best = geo_db_type(dbs[i]);
            best_count = count;
        }
    }
    return best;
}

/* Chooses role's databases in folder into src; 0 when none. */
static size_t choose_in_folder(chooser_t *ch, geo_sources_t *src, geo_role_t role,
                               const char *folder)
{
    file_list_t fl = {0};
    size_t entries = 0, chosen = 0;
    list_folder(&fl, folder, 0, &entries);
    qsort(fl.paths, fl.n, sizeof *fl.paths, cmp_str);
    if (fl.more)
        report_msg(ch, role, GEO_ERR_ARG,
                   "folder \"%s\" holds more database files than honeyshark reads (%u); "
                   "only the first %zu by name are used",
                   folder, (unsigned)GEO_DATED_MAX, fl.n);

    geo_db_t **dbs = calloc(fl.n ? fl.n : 1, sizeof *dbs);
    int failed = 0;
    for (size_t i = 0; dbs && i < fl.n; i++) {
        size_t before = ch->n;
        dbs[i] = open_file(ch, role, fl.paths[i]);
        failed |= !dbs[i] && ch->n == before;
        if (dbs[i] && !(geo_db_caps(dbs[i]) & role_cap(role)))
            dbs[i] = NULL; /* another role's file: not this role's business */
    }
    const char *type = dbs ? chosen_type(dbs, (const char *const *)fl.paths, fl.n, role) : NULL;
    geo_dated_t *dated = type ? calloc(fl.n, sizeof *dated) : NULL;
    for (size_t i = 0; dated && i < fl.n; i++) {
        if (!dbs[i] || strcmp(geo_db_type(dbs[i]), type) != 0)
            continue;
        dated[chosen].db = dbs[i];
        dated[chosen].date = date_of(folder, fl.paths[i], dbs[i]);
        chosen++;
    }
    if (chosen > 0) {
        qsort(dated, chosen, sizeof *dated, cmp_dated);
        /* One database per date: the one built last. */
        size_t kept = 0;
        for (size_t i = 0; i < chosen; i++) {
            if (kept > 0 && dated[kept - 1].date == dated[i].date) {
                char day[GEO_DATE_STRLEN];
                geo_format_date(dated[i].date, day);
                report_msg(ch, role, GEO_ERR_ARG,
                           "%s databases \"%s\" and \"%s\" have the same date (%s); the one "
                           "built last, \"%s\", is used",
                           role_label(role), geo_db_path(dated[kept - 1].db),
                           geo_db_path(dated[i].db), day, geo_db_path(dated[i].db));
                kept--;
            }
            dated[kept++] = dated[i];
        }
        chosen = kept;
        for (size_t i = 0; i < chosen; i++)
            geo_format_date(dated[i].date, dated[i].text);
        src->dated[role] = dated;
        src->n_dated[role] = chosen;
        src->is_dated[role] = chosen > 1;
    } else {
        free(dated);
        if (!failed)
            report_msg(ch, role, GEO_ERR_OPEN,
                       "no %s database in folder \"%s\" (looked for *.mmdb files, such as %s, "
                       "in it and its subfolders)",
                       role_label(role), folder, geo_default_names(role)[0]);
    }
    free(dbs);
    free_list(&fl);
    return chosen;
}

/* Makes db role's only database, dated by its name or build. */
static void use_one(geo_sources_t *src, geo_role_t role, geo_db_t *db)
{
    geo_dated_t *d = db ? calloc(1, sizeof *d) : NULL;
    if (!d)
        return;
    d->db = db;
    if (!geo_date_in_name(base_name(geo_db_path(db)), &d->date))
        d->date = geo_db_build_epoch(db);
    geo_format_date(d->date, d->text);
    src->dated[role] = d;
    src->n_dated[role] = 1;
}

/* ---- eras ------------------------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Role's database at time t (the newest dated at or before it, else the
 * oldest, with *before set). */
static const geo_dated_t *in_force(const geo_sources_t *src, geo_role_t role, int64_t t,
                                   int *before)
{
    size_t n = src->n_dated[role];
    const geo_dated_t *d = src->dated[role];
    *before = 0;
    if (n == 0)
        return NULL;
    if (!src->is_dated[role])
        return &d[0];
    size_t lo = 0, hi = n; /* first index with date > t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d[mid].date <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) {
        *before = 1;
        return &d[0];
    }
    return &d[lo - 1];
}

static void build_eras(geo_sources_t *src)
{
    size_t n_dates = 0;
    if (!src->n_dated[0] && !src->n_dated[1])
        return;
    int64_t *starts = malloc((1 + src->n_dated[0] + src->n_dated[1]) * sizeof *starts);
    if (!starts)
        return;
    starts[n_dates++] = INT64_MIN;
    for (int r = 0; r < 2; r++) {
        for (size_t i = 0; src->is_dated[r] && i < src->n_dated[r]; i++)
            starts[n_dates++] = src->dated[r][i].date;
    }
    qsort(starts, n_dates, sizeof *starts, cmp_i64);
    src->eras = calloc(n_dates, sizeof *src->eras);
    for (size_t i = 0; src->eras && i < n_dates; i++) {
        if (i > 0 && starts[i] == starts[i - 1])
            continue;
        geo_era_t *e = &src->eras[src->n_eras++];
        e->start = starts[i];
        for (int r = 0; r < 2; r++) {
            int before;
            e->use[r] = in_force(src, (geo_role_t)r, starts[i], &before);
            e->before |= before ? 1u << r : 0;
        }
    }
    free(starts);
}

size_t geo_sources_era(const geo_sources_t *src, int64_t t, size_t hint)
{
    size_t n = src->n_eras;
    if (n <= 1)
        return 0;
    if (hint < n && src->eras[hint].start <= t && (hint + 1 == n || t < src->eras[hint + 1].start))
        return hint;
    size_t lo = 1, hi = n; /* first era starting after t; era 0 starts at INT64_MIN */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->eras[mid].start <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

/* ---- choosing ------------------------------------------------------------------- */

void geo_sources_open(geo_sources_t *src, const char *asn_path, const char *country_path,
                      const char *const *dirs, size_t n_dirs, geo_report_fn report, void *user)
{
    const char *pref[2] = {asn_path, country_path};
    int named[2];
    chooser_t ch = {.report = report, .user = user};
    memset(src, 0, sizeof *src);

    /* Roles named in the preferences first: a file, or a folder to search. */
    for (int r = 0; r < 2; r++) {
        geo_role_t role = (geo_role_t)r;
        named[r] = pref[r] && *pref[r];
        if (!named[r])
            continue;
        if (is_dir(pref[r]))
            choose_in_folder(&ch, src, role, pref[r]);
        else
            use_one(src, role, open_for(&ch, role, pref[r]));
    }
    /* Empty preferences: the other role's databases when they hold this
     * role's data too (IPinfo holds both); else, when the other role names a
     * folder, this role's files in it; else a file already opened for the
     * other role that holds this role's data; else the usual files. */
    for (int r = 0; r < 2; r++) {
        geo_role_t role = (geo_role_t)r;
        size_t n = src->n_dated[1 - r];
        if (named[r])
            continue;
        int shared = named[1 - r] && n > 0;
        for (size_t i = 0; shared && i < n; i++)
            shared = (geo_db_caps(src->dated[1 - r][i].db) & role_cap(role)) != 0;
        if (shared && (src->dated[r] = malloc(n * sizeof *src->dated[r])) != NULL) {
            memcpy(src->dated[r], src->dated[1 - r], n * sizeof *src->dated[r]);
            src->n_dated[r] = n;
            src->is_dated[r] = src->is_dated[1 - r];
            continue;
        }
        if (named[1 - r] && is_dir(pref[1 - r])) {
            ch.quiet = 1; /* its problems were said when it was searched */
            size_t found = choose_in_folder(&ch, src, role, pref[1 - r]);
            ch.quiet = 0;
            if (found)
                continue;
        }
        for (size_t i = 0; named[1 - r] && i < ch.n && !src->n_dated[r]; i++) {
            if (geo_db_caps(ch.list[i]) & role_cap(role))
                use_one(src, role, ch.list[i]);
        }
        if (!src->n_dated[r])
            use_one(src, role, open_default(&ch, role, dirs, n_dirs));
    }
    for (int r = 0; r < 2; r++)
        src->db[r] = src->n_dated[r] ? src->dated[r][src->n_dated[r] - 1].db : NULL;
    build_eras(src);

    /* Keep what was chosen, close the rest. */
    src->owned = malloc((ch.n ? ch.n : 1) * sizeof *src->owned);
    for (size_t i = 0; i < ch.n; i++) {
        geo_db_t *db = ch.list[i];
        int used = 0;
        for (int r = 0; r < 2 && !used; r++) {
            for (size_t j = 0; j < src->n_dated[r] && !used; j++)
                used = src->dated[r][j].db == db;
        }
        if (used && src->owned)
            src->owned[src->n_owned++] = db;
        else if (!used)
            geo_db_close(db);
    }
    if (!src->owned) { /* out of memory: nothing is kept */
        for (size_t i = 0; i < ch.n; i++)
            geo_db_close(ch.list[i]);
        free(src->dated[0]);
        free(src->dated[1]);
        free(src->eras);
        memset(src, 0, sizeof *src);
    }
    free(ch.list);
}

void geo_sources_close(geo_sources_t *src)
{
    if (!src)
        return;
    for (size_t i = 0; i < src->n_owned; i++)
        geo_db_close(src->owned[i]);
    free(src->owned);
    free(src->dated[0]);
    free(src->dated[1]);
    free(src->eras);
    memset(src, 0, sizeof *src);
}

/* ---- looking up ----------------------------------------------------------------- */

geo_status_t geo_sources_lookup_era(const geo_sources_t *src, size_t era, const geo_addr_t *addr,
                                    geo_record_t *rec, geo_role_t *err_role)
{
    geo_status_t result = GEO_NOT_FOUND;
    int error = 0;
    geo_record_clear(rec);
    if (era >= src->n_eras)
        return GEO_NOT_FOUND;
    const geo_era_t *e = &src->eras[era];
    const geo_db_t *db[2] = {e->use[0] ? e->use[0]->db : NULL, e->use[1] ? e->use[1]->db : NULL};
    for (int r = 0; r < 2; r++) {
        unsigned want = role_cap((geo_role_t)r);
        if (!db[r])
            continue;
        if (r == GEO_ROLE_COUNTRY && db[r] == db[GEO_ROLE_ASN])
            continue; /* done with the AS lookup below */
        if (r == GEO_ROLE_ASN && db[r] == db[GEO_ROLE_COUNTRY])
            want |= GEO_CAP_COUNTRY;
        geo_status_t st = geo_db_lookup(db[r], addr, want, rec);
        if (st == GEO_OK) {
            if (!error)
                result = GEO_OK;
        } else if (st != GEO_NOT_FOUND && !error) {
            error = 1;
            result = st;
            if (err_role)
                *err_role = (geo_role_t)r;
        }
    }
    return result;
}

geo_status_t geo_sources_lookup(const geo_sources_t *src, const geo_addr_t *addr,
                                geo_record_t *rec, geo_role_t *err_role)
{
    return geo_sources_lookup_era(src, src->n_eras ? src->n_eras - 1 : 0, addr, rec, err_role);
}
