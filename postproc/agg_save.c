/*
 * agg_save.c - state files, see agg_save.h.
 */
#include "agg_save.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agg_schema.h"
#include "ek_lines.h"

/* Format 2 added the rce family (its grade counters, the exploit maps),
 * format 3 the dates of the attribution databases (the db_date map);
 * formats 1 and 2 still read, without what they lack. */
#define STATE_MAGIC "honeyshark-report-state 3"
#define STATE_MAGIC_V2 "honeyshark-report-state 2"
#define STATE_MAGIC_V1 "honeyshark-report-state 1"
/* The same header, then the maps as TabSeparated rows (agg_save.h). */
#define ROWS_MAGIC "honeyshark-report-rows 1"
#define ROWS_VERSION 4 /* reader_t.version of such a file */

static void put_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c == '%' || c == 0x7F)
            fprintf(out, "%%%02X", c);
        else
            fputc(c, out);
    }
}

/* The map lines are most of a state: numbers are written without printf,
 * whose parsing of the format would otherwise be most of the cost. */
static void put_u64s(FILE *out, const uint64_t *v, size_t n)
{
    char line[(AGG_KEY_WORDS + AGG_MAX_VALS) * 21 + 2], *end = line + sizeof(line), *p = end;
    *--p = '\n';
    for (size_t i = n; i-- > 0;) {
        uint64_t x = v[i];
        do
            *--p = (char)('0' + x % 10);
        while ((x /= 10) != 0);
        if (i > 0)
            *--p = ' ';
    }
    fwrite(p, 1, (size_t)(end - p), out);
}

hsr_status_t agg_state_save(const agg_state_t *st, FILE *out)
{
    fprintf(out, "%s\nbucket %lld %s\ntz %s\nsensor-by %s\n", STATE_MAGIC,
            (long long)st->bucket.secs, st->bucket.spec, st->tz.name,
            st->sensor_by == AGG_SENSOR_BY_DST ? "dst" : "input");
    for (size_t i = 0; i < st->nsensors; i++) {
        fprintf(out, "sensor %d ", st->sensors[i].dynamic);
        put_escaped(out, st->sensors[i].name);
        for (size_t j = 0; j < st->sensors[i].naddrs; j++)
            fprintf(out, " %s", st->sensors[i].addrs[j]);
        fputc('\n', out);
    }
    const uint64_t *sum = (const uint64_t *)&st->sum;
    size_t nsum = sizeof(agg_summary_t) / sizeof(uint64_t);
    fprintf(out, "summary %zu", nsum);
    for (size_t i = 0; i < nsum; i++)
        fprintf(out, " %llu", (unsigned long long)sum[i]);
    fprintf(out, "\nstrings %zu\n", st->strs.n);
    for (size_t i = 0; i < st->strs.n; i++) {
        fputs("s ", out);
        put_escaped(out, st->strs.strs[i]);
        fputc('\n', out);
    }
    for (int m = 0; m < AGG_NMAPS; m++) {
        const agg_map_t *map = &st->maps[m];
        fprintf(out, "map %s %zu\n", agg_schema[m].name, map->len);
        for (size_t i = agg_map_next(map, 0); i < map->cap; i = agg_map_next(map, i + 1)) {
            uint64_t w[AGG_KEY_WORDS + AGG_MAX_VALS];
            memcpy(w, agg_map_key(map, i), AGG_KEY_WORDS * sizeof(uint64_t));
            memcpy(w + AGG_KEY_WORDS, agg_map_val(map, i), map->nval * sizeof(uint64_t));
            put_u64s(out, w, AGG_KEY_WORDS + map->nval);
        }
    }
    fputs("end\n", out);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/* Reading ------------------------------------------------------------- */

typedef struct {
    ek_lines_t lines;
    char buf[HSR_MAX_STATE_LINE + 1];
    uint64_t *lineno;
    int version; /* of the file: 1, 2 or 3 */
} reader_t;

/* Next line as a NUL-terminated copy; NULL at end or on a bad line. */
static const char *next_line(reader_t *r)
{
    const char *line;
    size_t len;
    if (ek_lines_next(&r->lines, &line, &len) != HSR_OK || !line || len > HSR_MAX_STATE_LINE ||
        memchr(line, '\0', len)) {
        *r->lineno = r->lines.lineno;
        return NULL;
    }
    *r->lineno = r->lines.lineno;
    memcpy(r->buf, line, len);
    r->buf[len] = '\0';
    return r->buf;
}

static int unescape(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in; in++) {
        if (n + 1 >= cap)
            return 0;
        if (*in == '%') {
            unsigned v;
            if (!in[1] || !in[2] || sscanf(in + 1, "%2x", &v) != 1 || v == 0)
                return 0;
            out[n++] = (char)v;
            in += 2;
        } else if ((unsigned char)*in <= ' ') {
            return 0;
        } else {
            out[n++] = *in;
        }
    }
    out[n] = '\0';
    return 1;
}

/* Parses up to max unsigned numbers separated by single spaces. */
static int parse_u64s(const char *s, uint64_t *out, size_t want)
{
    for (size_t i = 0; i < want; i++) {
        if (*s < '0' || *s > '9')
            return 0;
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (errno || end == s)
            return 0;
        out[i] = v;
        s = end;
        if (i + 1 < want) {
            if (*s != ' ')
                return 0;
            s++;
        }
    }
    return *s == '\0';
}

/* The unsigned number that is exactly s[0..n). */
static int parse_u64_at(const char *s, size_t n, uint64_t *out)
{
    char buf[24];
    if (n == 0 || n >= sizeof(buf))
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return parse_u64s(buf, out, 1);
}

static hsr_status_t read_header(reader_t *r, agg_state_t *st)
{
    const char *l = next_line(r);
    if (!l)
        return HSR_ERR_BAD_STATE;
    r->version = strcmp(l, ROWS_MAGIC) == 0       ? ROWS_VERSION
                 : strcmp(l, STATE_MAGIC) == 0    ? 3
                 : strcmp(l, STATE_MAGIC_V2) == 0 ? 2
                 : strcmp(l, STATE_MAGIC_V1) == 0 ? 1
                                                  : 0;
    if (!r->version)
        return HSR_ERR_BAD_STATE;
    uint64_t secs;
    char spec[32], tz[128], by[16];
    agg_bucket_t b;
    /* The number is read strictly: sscanf's %lld is undefined on overflow. */
    const char *sp;
    if (!(l = next_line(r)) || strncmp(l, "bucket ", 7) != 0 || !(sp = strchr(l + 7, ' ')) ||
        sp - (l + 7) > 20 || !parse_u64_at(l + 7, (size_t)(sp - (l + 7)), &secs) ||
        sscanf(sp, " %31s", spec) != 1 || agg_bucket_parse(spec, &b) != HSR_OK ||
        (uint64_t)b.secs != secs)
        return HSR_ERR_BAD_STATE;
    if (!(l = next_line(r)) || sscanf(l, "tz %127s", tz) != 1)
        return HSR_ERR_BAD_STATE;
    if (!(l = next_line(r)) || sscanf(l, "sensor-by %15s", by) != 1 ||
        (strcmp(by, "dst") != 0 && strcmp(by, "input") != 0))
        return HSR_ERR_BAD_STATE;
    hsr_status_t s = agg_state_init(st, &b, tz, strcmp(by, "dst") == 0 ? AGG_SENSOR_BY_DST
                                                                      : AGG_SENSOR_BY_INPUT);
    return s == HSR_ERR_BAD_ZONE ? HSR_ERR_BAD_STATE : s;
}

static hsr_status_t read_sensor(agg_state_t *st, const char *l)
{
    char copy[HSR_MAX_STATE_LINE + 1], name[HSR_MAX_SENSOR_NAME];
    snprintf(copy, sizeof(copy), "%s", l + 7);
    char *save = NULL, *tok = strtok_r(copy, " ", &save);
    if (!tok || (strcmp(tok, "0") != 0 && strcmp(tok, "1") != 0))
        return HSR_ERR_BAD_STATE;
    int dynamic = tok[0] == '1';
    if (!(tok = strtok_r(NULL, " ", &save)) || !unescape(tok, name, sizeof(name)) || !name[0])
        return HSR_ERR_BAD_STATE;
    size_t idx;
    hsr_status_t s = agg_state_add_sensor(st, name, NULL, &idx);
    if (s != HSR_OK)
        return s == HSR_ERR_NOMEM ? s : HSR_ERR_BAD_STATE;
    st->sensors[idx].dynamic = dynamic;
    while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
        size_t again;
        char one[HSR_MAX_ADDR + 2];
        if (strlen(tok) > HSR_MAX_ADDR)
            return HSR_ERR_BAD_STATE;
        snprintf(one, sizeof(one), "%s", tok);
        if (agg_state_add_sensor(st, name, one, &again) != HSR_OK)
            return HSR_ERR_BAD_STATE;
    }
    return HSR_OK;
}

static hsr_status_t read_strings(reader_t *r, agg_state_t *st, const char *l, uint32_t **idmap,
                                 size_t *nids)
{
    uint64_t n;
    if (!parse_u64s(l + 8, &n, 1) || n == 0 || n > UINT32_MAX - 2 || n > HSR_MAX_STATE_ENTRIES)
        return HSR_ERR_BAD_STATE;
    uint32_t *map = calloc(n < 1024 ? (size_t)n : 1024, sizeof(uint32_t));
    size_t cap = n < 1024 ? (size_t)n : 1024;
    if (!map)
        return HSR_ERR_NOMEM;
    *idmap = map;
    char str[HSR_MAX_STATE_LINE + 1];
    for (uint64_t i = 0; i < n; i++) {
        if (i == cap) {
            size_t ncap = cap * 2 < n ? cap * 2 : (size_t)n;
            uint32_t *nm = realloc(*idmap, ncap * sizeof(uint32_t));
            if (!nm)
                return HSR_ERR_NOMEM;
            *idmap = nm;
            cap = ncap;
        }
        if (!(l = next_line(r)) || (strncmp(l, "s ", 2) != 0 && strcmp(l, "s") != 0))
            return HSR_ERR_BAD_STATE;
        if (!unescape(l[1] ? l + 2 : l + 1, str, sizeof(str)) || (i == 0) != (str[0] == '\0'))
            return HSR_ERR_BAD_STATE;
        hsr_status_t s = agg_intern(&st->strs, str, strlen(str), &(*idmap)[i]);
        if (s != HSR_OK)
            return s;
        *nids = (size_t)i + 1;
    }
    return HSR_OK;
}

/* Adds one entry whose string words are already ids in st: checks the
 * other key words, then adds the counters (a sum that wraps is damage). */
static hsr_status_t add_entry(agg_state_t *st, int m, uint64_t *w)
{
    const agg_schema_t *sc = &agg_schema[m];
    for (int k = 0; k < AGG_KEY_WORDS; k++) {
        if (sc->kind[k] == AGG_KW_SENSOR && w[k] >= st->nsensors)
            return HSR_ERR_BAD_STATE;
        if (sc->kind[k] == AGG_KW_NONE && w[k] != 0)
            return HSR_ERR_BAD_STATE;
        if (sc->kind[k] == AGG_KW_BUCKET && !agg_bucket_key_valid(&st->bucket, (int64_t)w[k]))
            return HSR_ERR_BAD_STATE;
    }
    uint64_t *v = agg_map_upsert(&st->maps[m], w);
    if (!v)
        return HSR_ERR_NOMEM;
    for (unsigned j = 0; j < sc->nval; j++)
        if (v[j] > UINT64_MAX - w[AGG_KEY_WORDS + j])
            return HSR_ERR_BAD_STATE;
    for (unsigned j = 0; j < sc->nval; j++)
        v[j] += w[AGG_KEY_WORDS + j];
    return HSR_OK;
}

static hsr_status_t read_map(reader_t *r, agg_state_t *st, int m, uint64_t n,
                             const uint32_t *idmap, size_t nids)
{
    const agg_schema_t *sc = &agg_schema[m];
    unsigned nval = r->version == 1 ? sc->nval_v1 : sc->nval; /* the rest stay 0 */
    for (uint64_t i = 0; i < n; i++) {
        const char *l = next_line(r);
        uint64_t w[AGG_KEY_WORDS + AGG_MAX_VALS] = {0};
        if (!l || !parse_u64s(l, w, AGG_KEY_WORDS + nval))
            return HSR_ERR_BAD_STATE;
        for (int k = 0; k < AGG_KEY_WORDS; k++) {
            if (sc->kind[k] == AGG_KW_STR) {
                if (w[k] >= nids)
                    return HSR_ERR_BAD_STATE;
                w[k] = idmap[w[k]];
            }
        }
        hsr_status_t s = add_entry(st, m, w);
        if (s != HSR_OK)
            return s;
    }
    return HSR_OK;
}

/* A string key word of a row: "s:" then TabSeparated text (\\, \t, \n, \0
 * and a backslash before any other character); interned into *id. */
static hsr_status_t row_string(agg_state_t *st, const char *in, size_t n, uint64_t *id)
{
    char text[HSR_MAX_STATE_LINE + 1];
    size_t len = 0;
    if (n < 2 || in[0] != 's' || in[1] != ':')
        return HSR_ERR_BAD_STATE;
    for (size_t i = 2; i < n; i++) {
        char c = in[i];
        if (c == '\\') {
            if (++i == n)
                return HSR_ERR_BAD_STATE;
            c = in[i] == 't' ? '\t' : in[i] == 'n' ? '\n' : in[i] == '0' ? '\0' : in[i];
        }
        if (c == '\0' || len >= sizeof(text) - 1)
            return HSR_ERR_BAD_STATE;
        text[len++] = c;
    }
    uint32_t sid;
    hsr_status_t s = agg_intern(&st->strs, text, len, &sid);
    *id = sid;
    return s;
}

/* One row: NAME<TAB>k0<TAB>k1<TAB>k2<TAB>counter... (every counter of the map). */
static hsr_status_t read_row(agg_state_t *st, const char *l)
{
    const char *f[1 + AGG_KEY_WORDS + AGG_MAX_VALS + 1];
    size_t fl[1 + AGG_KEY_WORDS + AGG_MAX_VALS + 1], nf = 0;
    for (const char *p = l;; nf++) {
        if (nf == sizeof(f) / sizeof(f[0]))
            return HSR_ERR_BAD_STATE;
        const char *tab = strchr(p, '\t');
        f[nf] = p;
        fl[nf] = tab ? (size_t)(tab - p) : strlen(p);
        if (!tab) {
            nf++;
            break;
        }
        p = tab + 1;
    }
    int m = -1;
    for (int i = 0; i < AGG_NMAPS && m < 0; i++)
        if (strlen(agg_schema[i].name) == fl[0] && memcmp(agg_schema[i].name, f[0], fl[0]) == 0)
            m = i;
    if (m < 0 || nf != 1 + AGG_KEY_WORDS + agg_schema[m].nval)
        return HSR_ERR_BAD_STATE;
    uint64_t w[AGG_KEY_WORDS + AGG_MAX_VALS] = {0};
    for (size_t i = 1; i < nf; i++) {
        hsr_status_t s = HSR_OK;
        if (i <= AGG_KEY_WORDS && agg_schema[m].kind[i - 1] == AGG_KW_STR)
            s = row_string(st, f[i], fl[i], &w[i - 1]);
        else if (!parse_u64_at(f[i], fl[i], &w[i - 1]))
            s = HSR_ERR_BAD_STATE;
        if (s != HSR_OK)
            return s;
    }
    return add_entry(st, m, w);
}

static hsr_status_t read_state(reader_t *r, agg_state_t *st)
{
    hsr_status_t s = read_header(r, st);
    if (s != HSR_OK)
        return s;
    const char *l;
    uint32_t *idmap = NULL;
    size_t nids = 0;
    int next_map = 0, have_summary = 0;
    int nmaps = r->version == 1 ? AGG_NMAPS_V1 : r->version == 2 ? AGG_NMAPS_V2 : AGG_NMAPS;
    while ((l = next_line(r)) != NULL) {
        if (strncmp(l, "sensor ", 7) == 0 && nids == 0 && !have_summary) {
            s = read_sensor(st, l);
        } else if (strncmp(l, "summary ", 8) == 0 && !have_summary) {
            uint64_t w[1 + sizeof(agg_summary_t) / sizeof(uint64_t)];
            size_t nsum = sizeof(agg_summary_t) / sizeof(uint64_t);
            if (!parse_u64s(l + 8, w, 1 + nsum) || w[0] != nsum)
                s = HSR_ERR_BAD_STATE;
            else
                memcpy(&st->sum, w + 1, sizeof(agg_summary_t));
            have_summary = 1;
        } else if (strncmp(l, "strings ", 8) == 0 && have_summary && !idmap) {
            s = read_strings(r, st, l, &idmap, &nids);
        } else if (strncmp(l, "map ", 4) == 0 && idmap && next_map < nmaps) {
            const char *name = agg_schema[next_map].name;
            size_t nl = strlen(name);
            uint64_t n;
            if (strncmp(l + 4, name, nl) != 0 || l[4 + nl] != ' ' ||
                !parse_u64s(l + 5 + nl, &n, 1) || n > HSR_MAX_STATE_ENTRIES)
                s = HSR_ERR_BAD_STATE;
            else
                s = read_map(r, st, next_map++, n, idmap, nids);
        } else if (r->version == ROWS_VERSION && have_summary && strcmp(l, "end") != 0) {
            s = read_row(st, l);
        } else if (strcmp(l, "end") == 0 &&
                   (r->version == ROWS_VERSION ? have_summary : next_map == nmaps)) {
            free(idmap);
            /* Nothing may follow "end". */
            const char *extra;
            size_t len;
            if (ek_lines_next(&r->lines, &extra, &len) != HSR_OK || extra)
                return HSR_ERR_BAD_STATE;
            return HSR_OK;
        } else {
            s = HSR_ERR_BAD_STATE;
        }
        if (s != HSR_OK)
            break;
    }
    free(idmap);
    return s != HSR_OK ? s : HSR_ERR_BAD_STATE; /* ended before "end" */
}

hsr_status_t agg_state_load(int fd, agg_state_t *st, uint64_t *line)
{
    reader_t *r = calloc(1, sizeof(*r));
    if (!r)
        return HSR_ERR_NOMEM;
    memset(st, 0, sizeof(*st));
    *line = 0;
    r->lineno = line;
    hsr_status_t s = ek_lines_init_fd(&r->lines, fd);
    if (s == HSR_OK)
        s = read_state(r, st);
    ek_lines_free(&r->lines);
    free(r);
    return s;
}

hsr_status_t agg_state_load_mem(const char *data, size_t len, agg_state_t *st, uint64_t *line)
{
    reader_t *r = calloc(1, sizeof(*r));
    if (!r)
        return HSR_ERR_NOMEM;
    memset(st, 0, sizeof(*st));
    *line = 0;
    r->lineno = line;
    ek_lines_init_mem(&r->lines, data, len);
    hsr_status_t s = read_state(r, st);
    free(r);
    return s;
}
