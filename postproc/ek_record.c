/*
 * ek_record.c - one tshark -T ek line to an ek_frame_t, see ek_record.h.
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

/* The fields read, by index; F_* name them. */
enum {
    F_TIME, F_IP_SRC, F_IP6_SRC, F_IP_DST, F_IP6_DST, F_IP_PROTO, F_IP6_NXT, F_TCP_DPORT,
    F_TCP_SYN, F_TCP_ACK, F_TCP_FLAGS, F_UDP_DPORT, F_ICMP_TYPE, F_ICMP6_TYPE, F_GRADE, F_ASN,
    F_AS_ORG, F_COUNTRY, F_COUNTRY_NAME, F_OS, F_OS_CLASS, F_COUNT
};

/* The plugin puts p0f's src.os* in the src tree, next to src.asn.  The
 * reader takes the SYN and ACK flags from tcp.flags.syn/ack when present,
 * from tcp.flags otherwise: -e needs only tcp.flags. */
static const ek_field_t FIELDS[F_COUNT] = {
    [F_TIME] = {"frame.time_epoch", "frame_time_epoch", "frame", "frame_frame_time_epoch"},
    [F_IP_SRC] = {"ip.src", "ip_src", "ip", "ip_ip_src"},
    [F_IP6_SRC] = {"ipv6.src", "ipv6_src", "ipv6", "ipv6_ipv6_src"},
    [F_IP_DST] = {"ip.dst", "ip_dst", "ip", "ip_ip_dst"},
    [F_IP6_DST] = {"ipv6.dst", "ipv6_dst", "ipv6", "ipv6_ipv6_dst"},
    [F_IP_PROTO] = {"ip.proto", "ip_proto", "ip", "ip_ip_proto"},
    [F_IP6_NXT] = {"ipv6.nxt", "ipv6_nxt", "ipv6", "ipv6_ipv6_nxt"},
    [F_TCP_DPORT] = {"tcp.dstport", "tcp_dstport", "tcp", "tcp_tcp_dstport"},
    [F_TCP_SYN] = {"tcp.flags.syn", "tcp_flags_syn", "tcp", "tcp_tcp_flags_syn", .carried = 1},
    [F_TCP_ACK] = {"tcp.flags.ack", "tcp_flags_ack", "tcp", "tcp_tcp_flags_ack", .carried = 1},
    [F_TCP_FLAGS] = {"tcp.flags", "tcp_flags", "tcp", "tcp_tcp_flags"},
    [F_UDP_DPORT] = {"udp.dstport", "udp_dstport", "udp", "udp_udp_dstport"},
    [F_ICMP_TYPE] = {"icmp.type", "icmp_type", "icmp", "icmp_icmp_type"},
    [F_ICMP6_TYPE] = {"icmpv6.type", "icmpv6_type", "icmpv6", "icmpv6_icmpv6_type"},
    [F_GRADE] = {"shellshock.grade", "shellshock_grade", "shellshock",
                 "shellshock_shellshock_grade"},
    [F_ASN] = {"src.asn", "src_asn", "src", "src_src_asn"},
    [F_AS_ORG] = {"src.as_org", "src_as_org", "src", "src_src_as_org"},
    [F_COUNTRY] = {"src.country", "src_country", "src", "src_src_country"},
    [F_COUNTRY_NAME] = {"src.country_name", "src_country_name", "src", "src_src_country_name"},
    [F_OS] = {"src.os", "src_os", "src", "src_src_os"},
    [F_OS_CLASS] = {"src.os_class", "src_os_class", "src", "src_src_os_class"},
};

const ek_field_t *ek_field(size_t i)
{
    return i < F_COUNT ? &FIELDS[i] : NULL;
}

/* Protocol trees of the full layout that hold those fields. */
static const char *const PROTOS[] = {"frame", "ip", "ipv6", "tcp", "udp", "icmp",
                                     "icmpv6", "shellshock", "src"};
#define N_PROTOS (sizeof(PROTOS) / sizeof(PROTOS[0]))

/* The keys of "layers" worth looking at: -e names (id < F_COUNT) and
 * protocol names (F_COUNT + index in PROTOS), in a small hash table so one
 * pass over the keys finds them all. */
#define KEY_SLOTS 128
static struct {
    const char *key;
    int id;
} key_table[KEY_SLOTS];
static int key_table_ready;
/* Index in PROTOS of each field's tree, -1 for none. */
static int field_proto[F_COUNT];

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
    for (int i = 0; i < F_COUNT; i++)
        key_add(FIELDS[i].ekey, i);
    for (size_t i = 0; i < N_PROTOS; i++)
        key_add(PROTOS[i], F_COUNT + (int)i);
    for (int f = 0; f < F_COUNT; f++) {
        field_proto[f] = -1;
        for (size_t i = 0; i < N_PROTOS; i++) {
            if (strcmp(PROTOS[i], FIELDS[f].proto) == 0)
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
    struct json_object *field[F_COUNT];
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
        v = in_tree(fd->proto[field_proto[id]], FIELDS[id].full);
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
        if (id < F_COUNT)
            fd->field[id] = val;
        else
            fd->proto[id - F_COUNT] = val;
    }
}

/* Counts a value that could not be used: unreadable, or too big. */
static void count_bad(ek_frame_t *f, int r)
{
    if (r == EK_TOO_BIG)
        f->too_big++;
    else if (r < 0)
        f->bad_values++;
}

/* Fills an int field (default -1) and counts unreadable values. */
static void take_int(ek_frame_t *f, struct json_object *v, int64_t lo, int64_t hi, int *dst)
{
    int64_t x;
    int r = ek_get_int(v, lo, hi, &x);
    if (r > 0)
        *dst = (int)x;
    count_bad(f, r);
}

static void take_str(ek_frame_t *f, struct json_object *v, ek_str_t *dst)
{
    if (ek_get_str(v, dst) < 0)
        f->bad_values++;
}

static void take_addr(ek_frame_t *f, const found_t *fd, int v4, int v6, char *dst)
{
    int r = ek_get_addr(lookup(fd, v4), dst);
    if (r == 0)
        r = ek_get_addr(lookup(fd, v6), dst);
    if (r <= 0)
        dst[0] = '\0';
    if (r < 0)
        f->bad_values++;
}

static void frame_defaults(ek_frame_t *f)
{
    memset(f, 0, sizeof(*f));
    f->ip_proto = f->dport = f->syn = f->ack = f->icmp_type = -1;
}

static void read_grade(ek_frame_t *f, const found_t *fd, const char *line, size_t len)
{
    struct json_object *v = lookup(fd, F_GRADE);
    if (!v)
        return;
    /* json-c keeps only the last of repeated keys: read the text for all. */
    int g = ek_scan_grades(line, len);
    f->grade = g > 0 ? g : 0;
    if (g < 0)
        f->too_big++;
    else if (g == 0)
        f->bad_values++;
}

static void read_transport(ek_frame_t *f, const found_t *fd)
{
    struct json_object *tcp_dport = lookup(fd, F_TCP_DPORT);
    struct json_object *udp_dport = lookup(fd, F_UDP_DPORT);
    struct json_object *icmp_type = lookup(fd, F_ICMP_TYPE);
    struct json_object *icmp6_type = lookup(fd, F_ICMP6_TYPE);
    struct json_object *proto = lookup(fd, F_IP_PROTO);
    take_int(f, proto ? proto : lookup(fd, F_IP6_NXT), 0, 255, &f->ip_proto);
    /* The outer header decides; without one (or an IPv6 extension header
     * first), the transport fields that are present do. */
    int p = f->ip_proto;
    if (p != 6 && p != 17 && p != 1 && p != 58) {
        int q = tcp_dport ? 6 : udp_dport ? 17 : icmp_type ? 1 : icmp6_type ? 58 : -1;
        if (q >= 0)
            f->ip_proto = q;
    }
    if (f->ip_proto == 6) {
        take_int(f, tcp_dport, 0, 65535, &f->dport);
        take_int(f, lookup(fd, F_TCP_SYN), 0, 1, &f->syn);
        take_int(f, lookup(fd, F_TCP_ACK), 0, 1, &f->ack);
        if (f->syn < 0 || f->ack < 0) {
            int flags = -1;
            take_int(f, lookup(fd, F_TCP_FLAGS), 0, 0xFFF, &flags);
            if (flags >= 0 && f->syn < 0)
                f->syn = (flags & 0x02) != 0;
            if (flags >= 0 && f->ack < 0)
                f->ack = (flags & 0x10) != 0;
        }
    } else if (f->ip_proto == 17) {
        take_int(f, udp_dport, 0, 65535, &f->dport);
    } else if (f->ip_proto == 1) {
        take_int(f, icmp_type, 0, 255, &f->icmp_type);
    } else if (f->ip_proto == 58) {
        take_int(f, icmp6_type, 0, 255, &f->icmp_type);
    }
}

/* IPinfo-style "AS13335": 1 ok, 0 not that form, EK_TOO_BIG. */
static int as_prefixed(const ek_str_t *s, int64_t *x)
{
    if (s->n < 3 || (s->s[0] != 'A' && s->s[0] != 'a') || (s->s[1] != 'S' && s->s[1] != 's'))
        return 0;
    for (size_t i = 2; i < s->n; i++)
        if (s->s[i] < '0' || s->s[i] > '9')
            return 0; /* decimal only: not "AStrue" or "AS0x10" */
    return ek_parse_int_text(s->s + 2, s->n - 2, x);
}

static void read_asn(ek_frame_t *f, struct json_object *asn)
{
    ek_str_t s = {0};
    int64_t x = -1;
    int r = ek_get_str(asn, &s) > 0 ? as_prefixed(&s, &x) : 0;
    if (r == 0)
        r = ek_get_int(asn, 0, UINT32_MAX, &x);
    else if (r > 0 && x > UINT32_MAX)
        r = -1;
    if (r > 0) {
        f->has_asn = 1;
        f->asn = (uint32_t)x;
    }
    count_bad(f, r == 0 ? -1 : r); /* present (asn != NULL) but empty */
}

static void read_source_info(ek_frame_t *f, const found_t *fd)
{
    struct json_object *asn = lookup(fd, F_ASN);
    if (asn)
        read_asn(f, asn);
    take_str(f, lookup(fd, F_AS_ORG), &f->as_org);
    take_str(f, lookup(fd, F_COUNTRY), &f->country);
    take_str(f, lookup(fd, F_COUNTRY_NAME), &f->country_name);
    struct json_object *os = lookup(fd, F_OS);
    f->has_os_field = os != NULL;
    take_str(f, os, &f->os);
    take_str(f, lookup(fd, F_OS_CLASS), &f->os_class);
}

static void read_time(ek_frame_t *f, struct json_object *root, const found_t *fd)
{
    int64_t t;
    int r = ek_get_epoch(lookup(fd, F_TIME), &t);
    count_bad(f, r);
    if (r > 0) {
        f->has_time = 1;
        f->time = t;
        return;
    }
    /* ek's own "timestamp": milliseconds since the epoch. */
    struct json_object *ts;
    int64_t ms;
    if (!json_object_object_get_ex(root, "timestamp", &ts))
        return;
    r = ek_get_int(ts, -AGG_TIME_MAX, AGG_TIME_MAX, &ms);
    if (r == EK_TOO_BIG)
        f->too_big++;
    if (r > 0) {
        f->has_time = 1;
        f->time = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    }
}

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
                      ek_frame_t *f)
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
    frame_defaults(f);
    read_time(f, root, &fd);
    take_addr(f, &fd, F_IP_SRC, F_IP6_SRC, f->src);
    take_addr(f, &fd, F_IP_DST, F_IP6_DST, f->dst);
    read_transport(f, &fd);
    read_grade(f, &fd, line, len);
    read_source_info(f, &fd);
    return f->too_big ? HSR_ERR_NUMBER_TOO_BIG : HSR_OK;
}
