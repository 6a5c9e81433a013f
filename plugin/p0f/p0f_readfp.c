/*
 * p0f_readfp.c - reading a p0f.fp file, as p0f 3.09b's readfp.c does:
 *
 *   ; comment
 *   classes = win,unix,other            (before the first section)
 *   [tcp:request]  [tcp:response]       the sections read here
 *   [mtu]  [http:request]  [http:response]  sections skipped
 *   label = s:unix:Linux:3.11 and newer (s: specific, g: generic; class,
 *                                        name, flavor; class ! = a tool)
 *   sys   = @unix,@win                  (required after a '!' label)
 *   sig   = ...                         (p0f_sig.c)
 *
 * Where p0f stops at the first problem, this skips the line (a label that
 * cannot be used takes its signatures with it), says why in a message
 * naming file and line, and goes on.  Lines end at LF; a trailing CR and
 * trailing blanks are dropped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "p0f_int.h"

/* Non-alphanumeric characters p0f permits in OS names (config.h). */
#define NAME_CHARS " ./-_!?()"

typedef enum { NEED_SECT, NEED_LABEL, NEED_SYS, NEED_SIG } state_t;
typedef enum { MOD_NONE, MOD_TCP, MOD_SKIP } module_t;

typedef struct {
    p0f_db_t *db;
    p0f_msgs_t *msgs;
    const char *name;
    uint32_t line_no;
    state_t state;
    module_t mod;
    p0f_dir_t dir;
    bool label_ok;     /* the current label could be used */
    uint32_t label;    /* its index */
    p0f_status_t fatal; /* out of memory */
} reader_t;

static void msg(reader_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void msg(reader_t *r, const char *fmt, ...)
{
    if (!r->msgs)
        return;
    r->msgs->total++;
    if (r->msgs->kept >= P0F_MAX_MSGS)
        return;
    char *out = r->msgs->text[r->msgs->kept++];
    int n = snprintf(out, P0F_MSG_LEN, "%s:%u: ", r->name, (unsigned)r->line_no);
    if (n < 0 || n >= P0F_MSG_LEN)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + n, P0F_MSG_LEN - (size_t)n, fmt, ap);
    va_end(ap);
}

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || (c && strchr(NAME_CHARS, c));
}

/* classes = win,unix,other */
static void parse_classes(reader_t *r, const char *val)
{
    p0f_db_t *db = r->db;
    while (*val) {
        while (isblank((unsigned char)*val) || *val == ',')
            val++;
        if (!*val)
            break;
        const char *nxt = val;
        while (isalnum((unsigned char)*nxt))
            nxt++;
        if (nxt == val || (*nxt && *nxt != ',')) {
            msg(r, "malformed class entry");
            return;
        }
        if (db->nclasses >= P0F_MAX_CLASSES) {
            msg(r, "too many classes (at most %d)", P0F_MAX_CLASSES);
            return;
        }
        char *c = dup_range(val, (size_t)(nxt - val));
        if (!c) {
            r->fatal = P0F_ERR_NOMEM;
            return;
        }
        db->classes[db->nclasses++] = c;
        val = nxt;
    }
}

/* The id of an OS or tool name (compared without case, first spelling
 * kept, as p0f); UINT32_MAX when it cannot be kept. */
static uint32_t name_id(reader_t *r, const char *name, size_t len)
{
    p0f_db_t *db = r->db;
    for (uint32_t i = 0; i < db->nnames; i++)
        if (strncasecmp(name, db->names[i], len) == 0 && !db->names[i][len])
            return i;
    if (db->nnames >= P0F_MAX_NAMES) {
        msg(r, "too many names (at most %d)", P0F_MAX_NAMES);
        return UINT32_MAX;
    }
    if (db->nnames == db->namecap) {
        uint32_t cap = db->namecap ? db->namecap * 2 : 64;
        char **nn = realloc(db->names, cap * sizeof(*nn));
        if (!nn) {
            r->fatal = P0F_ERR_NOMEM;
            return UINT32_MAX;
        }
        db->names = nn;
        db->namecap = cap;
    }
    char *n = dup_range(name, len);
    if (!n) {
        r->fatal = P0F_ERR_NOMEM;
        return UINT32_MAX;
    }
    db->names[db->nnames] = n;
    return db->nnames++;
}

static int class_id(const p0f_db_t *db, const char *name, size_t len)
{
    for (uint32_t i = 0; i < db->nclasses; i++)
        if (strncasecmp(name, db->classes[i], len) == 0 && !db->classes[i][len])
            return (int)i;
    return -2;
}

/* label = s:unix:Linux:3.11 and newer; false when it cannot be used. */
#define SKIPPED "; its signatures are skipped"

static bool parse_label(reader_t *r, const char *val, bool *app)
{
    p0f_db_t *db = r->db;
    p0f_label_t l = {0};

    if (*val == 'g')
        l.generic = true;
    else if (*val != 's') {
        msg(r, "malformed label (type must be s or g)" SKIPPED);
        return false;
    }
    if (val[1] != ':') {
        msg(r, "malformed label (type must be s or g)" SKIPPED);
        return false;
    }
    val += 2;
    const char *nxt = val;
    while (isalnum((unsigned char)*nxt) || *nxt == '!')
        nxt++;
    if (nxt == val || *nxt != ':') {
        msg(r, "malformed label (class)" SKIPPED);
        return false;
    }
    if (val[0] == '!' && val[1] == ':') {
        l.class_id = -1;
    } else {
        l.class_id = class_id(db, val, (size_t)(nxt - val));
        if (l.class_id < 0) {
            msg(r, "unknown class '%.*s' (not in the classes line)" SKIPPED, (int)(nxt - val), val);
            return false;
        }
    }
    val = ++nxt;
    while (is_name_char(*nxt))
        nxt++;
    if (nxt == val || *nxt != ':') {
        msg(r, "malformed name in label" SKIPPED);
        return false;
    }
    uint32_t id = name_id(r, val, (size_t)(nxt - val));
    if (id == UINT32_MAX)
        return false;
    l.name_id = id;
    const char *flavor = nxt + 1;
    const char *name = db->names[id];
    size_t nlen = strlen(name), flen = strlen(flavor);
    if (flen && !(l.flavor = dup_range(flavor, flen)))
        goto nomem;
    if (!(l.text = malloc(nlen + 1 + flen + 1)))
        goto nomem;
    memcpy(l.text, name, nlen);
    if (flen) {
        l.text[nlen] = ' ';
        memcpy(l.text + nlen + 1, flavor, flen + 1);
    } else {
        l.text[nlen] = '\0';
    }

    if (db->nlabels >= P0F_MAX_LABELS) {
        msg(r, "too many labels (at most %d)" SKIPPED, P0F_MAX_LABELS);
        goto drop;
    }
    if (db->nlabels == db->labelcap) {
        uint32_t cap = db->labelcap ? db->labelcap * 2 : 64;
        p0f_label_t *nl = realloc(db->labels, cap * sizeof(*nl));
        if (!nl)
            goto nomem;
        db->labels = nl;
        db->labelcap = cap;
    }
    r->label = db->nlabels;
    db->labels[db->nlabels++] = l;
    *app = l.class_id == -1;
    return true;

nomem:
    r->fatal = P0F_ERR_NOMEM;
drop:
    free(l.flavor);
    free(l.text);
    return false;
}

/* sys = Linux,@unix: checked, and its names kept (they set the spelling
 * of names, as in p0f). */
static bool parse_sys(reader_t *r, const char *val)
{
    while (*val) {
        while (isblank((unsigned char)*val) || *val == ',')
            val++;
        if (!*val)
            break;
        bool is_class = false;
        if (*val == '@') {
            is_class = true;
            val++;
        }
        const char *nxt = val;
        while (is_name_char(*nxt))
            nxt++;
        if (nxt == val || (*nxt && *nxt != ',')) {
            msg(r, "malformed sys entry");
            return false;
        }
        if (is_class) {
            if (class_id(r->db, val, (size_t)(nxt - val)) < 0) {
                msg(r, "unknown class '%.*s' in sys", (int)(nxt - val), val);
                return false;
            }
        } else if (name_id(r, val, (size_t)(nxt - val)) == UINT32_MAX) {
            return false;
        }
        val = nxt;
    }
    return true;
}

/* [module:direction] */
static void parse_section(reader_t *r, const char *line)
{
    r->state = NEED_LABEL;
    r->label_ok = false;
    if (strcmp(line, "[tcp:request]") == 0) {
        r->mod = MOD_TCP;
        r->dir = P0F_DIR_SYN;
    } else if (strcmp(line, "[tcp:response]") == 0) {
        r->mod = MOD_TCP;
        r->dir = P0F_DIR_SYNACK;
    } else if (strcmp(line, "[mtu]") == 0 || strcmp(line, "[http:request]") == 0 ||
               strcmp(line, "[http:response]") == 0) {
        r->mod = MOD_SKIP;
    } else {
        msg(r, "unrecognized section '%s'; skipped up to the next one", line);
        r->mod = MOD_SKIP;
    }
}

static void parse_line(reader_t *r, char *line)
{
    if (*line == '[') {
        parse_section(r, line);
        return;
    }
    if (r->mod == MOD_SKIP)
        return;

    /* name = value */
    char *val = line;
    while (isalpha((unsigned char)*val) || *val == '_')
        val++;
    char *eon = val;
    while (isblank((unsigned char)*val))
        val++;
    if (val == line || *val != '=') {
        msg(r, "unexpected statement (not 'name = value')");
        return;
    }
    val++;
    while (isblank((unsigned char)*val))
        val++;
    *eon = '\0';

    if (strcmp(line, "classes") == 0) {
        if (r->state != NEED_SECT)
            msg(r, "misplaced 'classes' (it must come before the first section)");
        else
            parse_classes(r, val);
    } else if (r->mod != MOD_TCP) {
        msg(r, "'%s' outside a section", line);
    } else if (strcmp(line, "label") == 0) {
        bool app = false;
        r->label_ok = parse_label(r, val, &app);
        r->state = r->label_ok && app ? NEED_SYS : NEED_SIG;
    } else if (strcmp(line, "sys") == 0) {
        if (r->state != NEED_SYS) {
            msg(r, "misplaced 'sys' (it follows a label of class '!')");
            return;
        }
        if (!parse_sys(r, val))
            r->label_ok = false;
        r->state = NEED_SIG;
    } else if (strcmp(line, "sig") == 0) {
        if (r->state == NEED_SIG && !r->label_ok)
            return; /* the label was refused, and said so */
        if (r->state != NEED_SIG) {
            msg(r, r->state == NEED_SYS ? "misplaced 'sig' (a label of class '!' needs a 'sys' "
                                          "line first)"
                                        : "misplaced 'sig' (no label before it)");
            return;
        }
        char why[P0F_MSG_LEN];
        p0f_status_t st;
        if (!p0f_sig_add(r->db, r->dir, r->label, val, r->line_no, why, sizeof(why), &st)) {
            if (st != P0F_OK)
                r->fatal = st;
            else
                msg(r, "%s", why);
        }
    } else {
        msg(r, "unrecognized field '%s'", line);
    }
}

p0f_status_t p0f_db_load_text(const char *text, size_t len, const char *name, p0f_db_t **out,
                              p0f_msgs_t *msgs)
{
    if (!out || (!text && len))
        return P0F_ERR_ARG;
    *out = NULL;
    if (msgs)
        memset(msgs, 0, sizeof(*msgs));
    if (len > P0F_MAX_FILE_SIZE)
        return P0F_ERR_TOO_BIG;

    reader_t r = {.msgs = msgs, .name = name ? name : "p0f.fp", .state = NEED_SECT};
    r.db = calloc(1, sizeof(*r.db));
    if (!r.db)
        return P0F_ERR_NOMEM;

    char buf[P0F_MAX_LINE + 1];
    size_t pos = 0;
    while (pos < len && r.fatal == P0F_OK) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        r.line_no++;

        while (n && isblank((unsigned char)*start)) {
            start++;
            n--;
        }
        while (n && (start[n - 1] == '\r' || isblank((unsigned char)start[n - 1])))
            n--;
        if (!n || *start == ';')
            continue;
        if (n > P0F_MAX_LINE) {
            msg(&r, "line longer than %d bytes; skipped", P0F_MAX_LINE);
            continue;
        }
        if (memchr(start, '\0', n)) {
            msg(&r, "NUL byte in line; skipped");
            continue;
        }
        memcpy(buf, start, n);
        buf[n] = '\0';
        parse_line(&r, buf);
    }

    if (r.fatal != P0F_OK) {
        p0f_db_free(r.db);
        return r.fatal;
    }
    if (!r.db->dir[P0F_DIR_SYN].nsigs && !r.db->dir[P0F_DIR_SYNACK].nsigs) {
        p0f_db_free(r.db);
        return P0F_ERR_NO_SIGS;
    }
    *out = r.db;
    return P0F_OK;
}

p0f_status_t p0f_db_load_file(const char *path, p0f_db_t **out, p0f_msgs_t *msgs)
{
    if (!path || !out)
        return P0F_ERR_ARG;
    *out = NULL;
    if (msgs)
        memset(msgs, 0, sizeof(*msgs));

    FILE *f = fopen(path, "rb");
    if (!f)
        return P0F_ERR_OPEN;
    p0f_status_t st = P0F_OK;
    char *data = NULL;
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        st = P0F_ERR_READ;
        goto cleanup;
    }
    if ((unsigned long long)sb.st_size > P0F_MAX_FILE_SIZE) {
        st = P0F_ERR_TOO_BIG;
        goto cleanup;
    }
    /* Room for a little growth since fstat, never more than the limit + 1. */
    size_t cap = (size_t)sb.st_size + 4096;
    if (cap > P0F_MAX_FILE_SIZE + 1)
        cap = P0F_MAX_FILE_SIZE + 1;
    data = malloc(cap);
    if (!data) {
        st = P0F_ERR_NOMEM;
        goto cleanup;
    }
    size_t len = fread(data, 1, cap, f);
    if (ferror(f)) {
        st = P0F_ERR_READ;
        goto cleanup;
    }
    if (len > P0F_MAX_FILE_SIZE) {
        st = P0F_ERR_TOO_BIG;
        goto cleanup;
    }
    st = p0f_db_load_text(data, len, path, out, msgs);

cleanup:
    free(data);
    fclose(f);
    return st;
}

static void dir_free(p0f_dirdb_t *d)
{
    for (uint32_t i = 0; i < d->ngroups; i++)
        free(d->groups[i].sigs);
    free(d->groups);
    free(d->sigs);
    free(d->table);
}

void p0f_db_free(p0f_db_t *db)
{
    if (!db)
        return;
    dir_free(&db->dir[0]);
    dir_free(&db->dir[1]);
    for (uint32_t i = 0; i < db->nlabels; i++) {
        free(db->labels[i].flavor);
        free(db->labels[i].text);
    }
    free(db->labels);
    for (uint32_t i = 0; i < db->nclasses; i++)
        free(db->classes[i]);
    for (uint32_t i = 0; i < db->nnames; i++)
        free(db->names[i]);
    free(db->names);
    free(db);
}

size_t p0f_db_sig_count(const p0f_db_t *db, p0f_dir_t dir)
{
    if (!db || (dir != P0F_DIR_SYN && dir != P0F_DIR_SYNACK))
        return 0;
    return db->dir[dir].nsigs;
}
