/*
 * ek_record.c - one tshark -T ek line to an hsr_frame_t, see ek_record.h.
 *
 * json-c parses the line; each field is then looked up first under its -e
 * name (layers.tcp_dstport) and then under its full-layout path
 * (layers.tcp.tcp_tcp_dstport).  Addresses are re-printed canonically so
 * that "::1" and "0::1" are one source.
 */
#include "ek_record.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "agg_time.h"
#include "ek_value.h"

/* Protocol trees of the full layout that hold those fields. */
static const char *const PROTOS[] = {"frame", "ip",         "ipv6", "tcp", "udp", "icmp",
                                     "icmpv6", "shellshock", "rce",  "src"};
#define N_PROTOS (sizeof(PROTOS) / sizeof(PROTOS[0]))

/* The keys of "layers" worth looking at: -e names (id < HSR_F_COUNT) and
 * protocol names (HSR_F_COUNT + index in PROTOS), in a small hash table so one
 * pass over the keys finds them all. */
#define KEY_SLOTS 128
static struct {
    const char *key;
    int id;
} key_table[KEY_SLOTS];
static int key_table_ready;
/* Index in PROTOS of each field's tree, -1 for none. */
static int field_proto[HSR_F_COUNT];

static unsigned key_hash(const char *k)
{
    unsigned h = 2166136261u;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static void key_add(const char *key, int id)
{
    unsigned i = key_hash(key) % KEY_SLOTS;
    while (key_table[i].key)
        i = (i + 1) % KEY_SLOTS;
    key_table[i].key = key;
    key_table[i].id = id;
}

static void key_table_init(void)
{
    if (key_table_ready)
        return;
    for (int i = 0; i < HSR_F_COUNT; i++)
        key_add(hsr_field(i)->ekey, i);
    for (size_t i = 0; i < N_PROTOS; i++)
        key_add(PROTOS[i], HSR_F_COUNT + (int)i);
    for (int f = 0; f < HSR_F_COUNT; f++) {
        field_proto[f] = -1;
        for (size_t i = 0; i < N_PROTOS; i++) {
            if (strcmp(PROTOS[i], hsr_field(f)->proto) == 0)
                field_proto[f] = (int)i;
        }
    }
    key_table_ready = 1;
}

static int key_id(const char *key)
{
    unsigned i = key_hash(key) % KEY_SLOTS;
    while (key_table[i].key) {
        if (strcmp(key_table[i].key, key) == 0)
            return key_table[i].id;
        i = (i + 1) % KEY_SLOTS;
    }
    return -1;
}

/* What one pass over "layers" found. */
typedef struct {
    struct json_object *field[HSR_F_COUNT];
    struct json_object *proto[N_PROTOS];
} found_t;

hsr_status_t ek_parser_init(ek_parser_t *p)
{
    key_table_init();
    p->obj = NULL;
    p->tok = json_tokener_new_ex(HSR_MAX_JSON_DEPTH);
    return p->tok ? HSR_OK : HSR_ERR_NOMEM;
}

void ek_parser_free(ek_parser_t *p)
{
    if (p->obj)
        json_object_put(p->obj);
    p->obj = NULL;
    if (p->tok)
        json_tokener_free(p->tok);
    p->tok = NULL;
}

/* <key> in a protocol tree of the full layout, NULL if absent. */
static struct json_object *in_tree(struct json_object *proto, const char *key)
{
    struct json_object *v;
    if (!proto || !key)
        return NULL;
    if (json_object_is_type(proto, json_type_array) && json_object_array_length(proto) > 0)
        proto = json_object_array_get_idx(proto, 0);
    if (!json_object_is_type(proto, json_type_object))
        return NULL;
    return json_object_object_get_ex(proto, key, &v) ? v : NULL;
}

/* The value of field id in either layout, NULL if absent. */
static struct json_object *lookup(const found_t *fd, int id)
{
    if (fd->field[id])
        return fd->field[id];
    struct json_object *v = NULL;
    if (field_proto[id] >= 0 && fd->proto[field_proto[id]])
        v = in_tree(fd->proto[field_proto[id]], hsr_field(id)->full);
    return v;
}

/* One pass over the keys of "layers". */
static void scan_layers(struct json_object *layers, found_t *fd)
{
    memset(fd, 0, sizeof(*fd));
    json_object_object_foreach(layers, key, val)
    {
        int id = key_id(key);
        if (id < 0 || !val)
            continue;
        if (id < HSR_F_COUNT)
            fd->field[id] = val;
        else
            fd->proto[id - HSR_F_COUNT] = val;
    }
}

/* ---- the JSON source of frame_record_fill() ---- */

typedef struct {
    const found_t *fd;
    struct json_object *root;
    const char *line;
    size_t len;
} json_source_t;

static int js_present(void *ctx, int id)
{
    return lookup(((json_source_t *)ctx)->fd, id) != NULL;
}

/* IPinfo-style "AS13335": 1 ok, 0 not that form, HSR_TOO_BIG. */
static int as_prefixed(const hsr_str_t *s, int64_t *x)
{
    if (s->n < 3 || (s->s[0] != 'A' && s->s[0] != 'a') || (s->s[1] != 'S' && s->s[1] != 's'))
        return 0;
    for (size_t i = 2; i < s->n; i++)
        if (s->s[i] < '0' || s->s[i] > '9')
            return 0; /* decimal only: not "AStrue" or "AS0x10" */
    return ek_parse_int_text(s->s + 2, s->n - 2, x);
}

static int js_integer(void *ctx, int id, int64_t lo, int64_t hi, int64_t *out)
{
    struct json_object *v = lookup(((json_source_t *)ctx)->fd, id);
    if (id == HSR_F_ASN) { /* a number, or "AS" and its digits */
        hsr_str_t s = {0};
        int r = ek_get_str(v, &s) > 0 ? as_prefixed(&s, out) : 0;
        if (r != 0)
            return r > 0 && (*out < lo || *out > hi) ? -1 : r;
    }
    return ek_get_int(v, lo, hi, out);
}

static int js_string(void *ctx, int id, hsr_str_t *out)
{
    return ek_get_str(lookup(((json_source_t *)ctx)->fd, id), out);
}

static int js_address(void *ctx, int id, char out[HSR_MAX_ADDR])
{
    return ek_get_addr(lookup(((json_source_t *)ctx)->fd, id), out);
}

static int js_epoch(void *ctx, int64_t *out)
{
    return ek_get_epoch(lookup(((json_source_t *)ctx)->fd, HSR_F_TIME), out);
}

/* ek's own "timestamp": milliseconds since the epoch. */
static int js_timestamp(void *ctx, int64_t *out)
{
    struct json_object *ts;
    int64_t ms;
    if (!json_object_object_get_ex(((json_source_t *)ctx)->root, "timestamp", &ts))
        return 0;
    int r = ek_get_int(ts, -AGG_TIME_MAX, AGG_TIME_MAX, &ms);
    if (r > 0)
        *out = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    return r;
}

/* json-c keeps only the last of repeated keys: the text is read for all. */
static int js_grade(void *ctx, int id)
{
    const json_source_t *js = ctx;
    int g = ek_scan_grades(js->line, js->len, id);
    return g < 0 ? HSR_TOO_BIG : g;
}

static const hsr_source_t json_source = {js_present, js_integer, js_string, js_address,
                                         js_epoch,   js_timestamp, js_grade};

/* tshark's bulk index line, {"index":{"_index":"packets-...","_type":"doc"}},
 * recognised without parsing: it is half the lines and carries nothing. */
static int is_index_line(const char *s, size_t n)
{
    static const char head[] = "{\"index\":{\"_index\":\"";
    size_t hl = sizeof(head) - 1;
    if (n < hl + 3 || memcmp(s, head, hl) != 0 || memcmp(s + n - 3, "\"}}", 3) != 0)
        return 0;
    for (size_t i = hl; i < n - 3; i++)
        if (s[i] == '{' || s[i] == '}' || s[i] == '\\' || (unsigned char)s[i] < 0x20)
            return 0;
    return 1;
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

hsr_status_t ek_parse(ek_parser_t *p, const char *line, size_t len, ek_kind_t *kind,
                      hsr_frame_t *f)
{
    if (p->obj) {
        json_object_put(p->obj);
        p->obj = NULL;
    }
    if (all_blank(line, len)) {
        *kind = EK_BLANK;
        return HSR_OK;
    }
    if (len > INT_MAX)
        return HSR_ERR_LINE_TOO_LONG;
    if (is_index_line(line, len)) {
        *kind = EK_INDEX;
        return HSR_OK;
    }
    json_tokener_reset(p->tok);
    struct json_object *root = json_tokener_parse_ex(p->tok, line, (int)len);
    size_t end = json_tokener_get_parse_end(p->tok);
    if (!root && json_tokener_get_error(p->tok) == json_tokener_continue) {
        root = json_tokener_parse_ex(p->tok, "", 1); /* end of input: finish a bare number */
        end = len;
    }
    if (!root)
        return json_tokener_get_error(p->tok) == json_tokener_success ? HSR_ERR_NOT_OBJECT
                                                                       : HSR_ERR_JSON;
    p->obj = root;
    if (end < len && !all_blank(line + end, len - end))
        return HSR_ERR_TRAILING;
    if (!json_object_is_type(root, json_type_object))
        return HSR_ERR_NOT_OBJECT;
    struct json_object *layers;
    if (!json_object_object_get_ex(root, "layers", &layers)) {
        if (json_object_object_get_ex(root, "index", NULL)) {
            *kind = EK_INDEX;
            return HSR_OK;
        }
        return HSR_ERR_NO_LAYERS;
    }
    if (!json_object_is_type(layers, json_type_object))
        return HSR_ERR_BAD_LAYERS;
    *kind = EK_FRAME;
    found_t fd;
    scan_layers(layers, &fd);
    json_source_t js = {&fd, root, line, len};
    frame_record_fill(&json_source, &js, f);
    return f->too_big ? HSR_ERR_NUMBER_TOO_BIG : HSR_OK;
}
