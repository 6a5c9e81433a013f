/*
 * ss_rules.c - the command table indexed by name, with the user's rows.
 *
 * +--------------------------------------------------------------------+
 * | The built-in rows (ss_command_table.c) and the user's rows (a      |
 * | Wireshark UAT) live in one open-addressing hash keyed by name and  |
 * | alias, so finding what is known of a command is one probe.  A user |
 * | row is stored merged over the built-in row of its name: the        |
 * | columns it leaves out keep their built-in values.  A name with a   |
 * | version suffix (python3) falls back to a built-in row marked       |
 * | SS_CMDF_VERSIONED.                                                 |
 * +--------------------------------------------------------------------+
 */
#include "ss_command_table.h"

#include <stdlib.h>
#include <string.h>

#include "ss_shell.h"

typedef struct {
    const char *name; /* NULL: empty slot */
    size_t len;
    const ss_command_t *def; /* built-in row, or NULL */
    const ss_command_t *user; /* user row, or NULL */
} slot_t;

struct ss_rules {
    slot_t *slots;
    size_t cap; /* a power of two, at least twice the keys */
    size_t used;
    ss_command_t **rows; /* the user rows, each one block with its strings */
    size_t n_rows, cap_rows;
};

static size_t hash(const char *s, size_t len)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static slot_t *probe(slot_t *slots, size_t cap, const char *name, size_t len)
{
    size_t i = hash(name, len) & (cap - 1);
    while (slots[i].name && !(slots[i].len == len && memcmp(slots[i].name, name, len) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static const slot_t *find_slot(const ss_rules_t *r, const char *name, size_t len)
{
    const slot_t *s = probe(r->slots, r->cap, name, len);
    return s->name ? s : NULL;
}

static bool rehash(ss_rules_t *r, size_t cap)
{
    slot_t *slots = calloc(cap, sizeof(slot_t));
    if (!slots)
        return false;
    for (size_t i = 0; i < r->cap; i++) {
        if (r->slots[i].name)
            *probe(slots, cap, r->slots[i].name, r->slots[i].len) = r->slots[i];
    }
    free(r->slots);
    r->slots = slots;
    r->cap = cap;
    return true;
}

/* The slot for name, created empty if missing; NULL if out of memory.
 * name must outlive the table (a built-in string or a user row's). */
static slot_t *slot_for(ss_rules_t *r, const char *name, size_t len)
{
    if ((r->used + 1) * 2 > r->cap && !rehash(r, r->cap * 2))
        return NULL;
    slot_t *s = probe(r->slots, r->cap, name, len);
    if (!s->name) {
        s->name = name;
        s->len = len;
        r->used++;
    }
    return s;
}

/* ---- names and aliases ---- */

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == ',';
}

/* The next name of a blank- or comma-separated list at *p; false at its end. */
static bool next_name(const char **p, const char **name, size_t *len)
{
    const char *s = *p;
    if (!s)
        return false;
    while (is_sep(*s))
        s++;
    const char *e = s;
    while (*e && !is_sep(*e))
        e++;
    *p = e;
    *name = s;
    *len = (size_t)(e - s);
    return e > s;
}

static bool row_has_name(const ss_command_t *c, const char *name, size_t len)
{
    if (ss_shell_eq(name, len, c->name))
        return true;
    const char *p = c->aliases, *a;
    size_t al;
    while (next_name(&p, &a, &al)) {
        if (al == len && memcmp(a, name, len) == 0)
            return true;
    }
    return false;
}

static bool is_version_char(char c)
{
    return (c >= '0' && c <= '9') || c == '.';
}

/* The built-in row of exactly name[0..len), or NULL. */
static const ss_command_t *builtin_exact(const ss_rules_t *r, const char *name, size_t len)
{
    if (r && r->slots) {
        const slot_t *s = find_slot(r, name, len);
        return s ? s->def : NULL;
    }
    for (size_t i = 0; i < ss_command_table_len; i++) { /* no table: a plain scan */
        if (row_has_name(&ss_command_table[i], name, len))
            return &ss_command_table[i];
    }
    return NULL;
}

/* The built-in row name[0..len) is a version of (python3, php7.4), or NULL. */
static const ss_command_t *builtin_versioned(const ss_rules_t *r, const char *name, size_t len)
{
    size_t b = len;
    while (b > 0 && is_version_char(name[b - 1]))
        b--;
    for (size_t k = b ? b : 1; k < len; k++) {
        const ss_command_t *c = builtin_exact(r, name, k);
        if (c && (c->flags & SS_CMDF_VERSIONED))
            return c;
    }
    return NULL;
}

static const ss_command_t *builtin(const ss_rules_t *r, const char *name, size_t len)
{
    const ss_command_t *c = builtin_exact(r, name, len);
    return c ? c : builtin_versioned(r, name, len);
}

const ss_command_t *ss_command_builtin(const char *name, size_t len)
{
    return name && len ? builtin(NULL, name, len) : NULL;
}

const ss_command_t *ss_rules_find(const ss_rules_t *rules, const char *name, size_t len)
{
    if (!name || len == 0)
        return NULL;
    if (rules && rules->slots) {
        const slot_t *s = find_slot(rules, name, len);
        if (s && s->user)
            return s->user;
        if (s && s->def)
            return s->def;
        return builtin_versioned(rules, name, len);
    }
    return builtin(NULL, name, len);
}

/* ---- building and clearing ---- */

static void free_rows(ss_rules_t *r)
{
    for (size_t i = 0; i < r->n_rows; i++)
        free(r->rows[i]);
    free(r->rows);
    r->rows = NULL;
    r->n_rows = r->cap_rows = 0;
}

/* (Re)fills the table with the built-in rows only. */
static bool load_defaults(ss_rules_t *r)
{
    free_rows(r);
    free(r->slots);
    r->cap = 256;
    r->used = 0;
    r->slots = calloc(r->cap, sizeof(slot_t));
    if (!r->slots)
        return false;
    for (size_t i = 0; i < ss_command_table_len; i++) {
        const ss_command_t *c = &ss_command_table[i];
        slot_t *s = slot_for(r, c->name, strlen(c->name));
        if (!s)
            return false;
        s->def = c;
        const char *p = c->aliases, *a;
        size_t al;
        while (next_name(&p, &a, &al)) {
            if (!(s = slot_for(r, a, al)))
                return false;
            s->def = c;
        }
    }
    return true;
}

ss_rules_t *ss_rules_new(void)
{
    ss_rules_t *r = calloc(1, sizeof(*r));
    if (r && !load_defaults(r)) {
        ss_rules_free(r);
        return NULL;
    }
    return r;
}

void ss_rules_free(ss_rules_t *rules)
{
    if (!rules)
        return;
    free_rows(rules);
    free(rules->slots);
    free(rules);
}

void ss_rules_clear_user(ss_rules_t *rules)
{
    if (rules)
        load_defaults(rules);
}

/* ---- user rows ---- */

static bool given(const char *s)
{
    return s && *s;
}

static bool fail(const char **error, const char *why)
{
    if (error)
        *error = why;
    return false;
}

bool ss_command_row_check(const ss_command_row_t *row, const char **error)
{
    if (!row || !given(row->name))
        return fail(error, "The command needs a name.");
    if (row->grade != SS_GRADE_NONE && (row->grade < SS_GRADE_GREEN || row->grade > SS_GRADE_RED))
        return fail(error, "The grade must be green, yellow or red.");
    ss_kind_t k;
    if (given(row->kind) && !ss_kind_parse(row->kind, &k))
        return fail(error, "The kind must be one of plain, echo, shell, interpreter, eval, "
                           "prefix.");
    ss_ioc_role_t role;
    if (given(row->ioc) && !ss_ioc_role_parse(row->ioc, &role))
        return fail(error, "The IOC role must be one of none, url, host, dns, connect, tftp, "
                           "ftpget, socat.");
    const char *p = row->value_options, *o;
    size_t ol;
    while (next_name(&p, &o, &ol)) {
        if (ol < 2 || o[0] != '-' || (ol == 2 && o[1] == '-'))
            return fail(error, "Options that take a value are written -x (letters) or --name, "
                               "separated by blanks.");
    }
    return true;
}

static char *put(char **at, const char *s)
{
    if (!given(s))
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = memcpy(*at, s, n);
    *at += n;
    return d;
}

bool ss_rules_add_command(ss_rules_t *rules, const ss_command_row_t *row, const char **error)
{
    if (!rules || !rules->slots)
        return fail(error, "No command table.");
    if (!ss_command_row_check(row, error))
        return false;
    size_t size = sizeof(ss_command_t) + strlen(row->name) + 1;
    size += given(row->aliases) ? strlen(row->aliases) + 1 : 0;
    size += given(row->value_options) ? strlen(row->value_options) + 1 : 0;
    if (rules->n_rows == rules->cap_rows) {
        size_t cap = rules->cap_rows ? rules->cap_rows * 2 : 16;
        ss_command_t **rows = realloc(rules->rows, cap * sizeof(*rows));
        if (!rows)
            return fail(error, "Out of memory.");
        rules->rows = rows;
        rules->cap_rows = cap;
    }
    ss_command_t *c = malloc(size);
    if (!c)
        return fail(error, "Out of memory.");
    rules->rows[rules->n_rows++] = c;

    /* The built-in row of its name, then what the row says. */
    const ss_command_t *base = builtin(rules, row->name, strlen(row->name));
    ss_kind_t kind = base ? base->kind : SS_KIND_PLAIN;
    ss_ioc_role_t role = base ? base->ioc : SS_IOC_NONE;
    bool kind_given = given(row->kind) && ss_kind_parse(row->kind, &kind);
    if (given(row->ioc))
        ss_ioc_role_parse(row->ioc, &role);
    char *at = (char *)(c + 1);
    c->name = put(&at, row->name);
    c->aliases = put(&at, row->aliases);
    c->grade = row->grade != SS_GRADE_NONE ? row->grade : base ? base->grade : SS_GRADE_YELLOW;
    c->kind = kind;
    c->ioc = role;
    c->value_options = given(row->value_options) ? put(&at, row->value_options)
                       : base                    ? base->value_options
                                                 : NULL;
    c->flags = base && base->kind == kind ? base->flags : 0;
    c->user = true;
    c->grade_wins = row->grade != SS_GRADE_NONE && !kind_given;

    slot_t *s = slot_for(rules, c->name, strlen(c->name));
    if (!s)
        return fail(error, "Out of memory.");
    s->user = c;
    const char *p = c->aliases, *a;
    size_t al;
    while (next_name(&p, &a, &al)) {
        if (!(s = slot_for(rules, a, al)))
            return fail(error, "Out of memory.");
        s->user = c;
    }
    return true;
}

bool ss_rules_set_user(ss_rules_t *rules, const char *name, ss_grade_t grade)
{
    if (!name || !*name || grade < SS_GRADE_GREEN || grade > SS_GRADE_RED)
        return false;
    ss_command_row_t row = {0};
    row.name = name;
    row.grade = grade;
    return ss_rules_add_command(rules, &row, NULL);
}

ss_grade_t ss_rules_lookup(const ss_rules_t *rules, const char *name)
{
    if (!name || !*name)
        return SS_GRADE_NONE;
    size_t len = strlen(name);
    const ss_command_t *c = ss_rules_find(rules, name, len);
    if (c && c->user)
        return c->grade;
    if (name[0] == '$' || name[0] == '`')
        return SS_GRADE_YELLOW; /* a variable as command: unknown */
    if (ss_shell_is_dropped_path(name, len))
        return SS_GRADE_RED;
    return c ? c->grade : SS_GRADE_YELLOW;
}
