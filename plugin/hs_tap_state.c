/*
 * hs_tap_state.c - `tshark -q -z honeyshark,state,FILE[,OPTION=VALUE]...`:
 * aggregates every frame while tshark dissects it and writes the state file
 * that `honeyshark-report --save-state` writes, without printing JSON.
 * `honeyshark-report merge FILE -r REPORT` prints any report from it.
 * FILE "-" is standard output.
 *
 * One listener on the "frame" tap.  For each frame it reads the fields the
 * reports read (hsr_field(), the list the ek reader uses) from the headers
 * under the protocol items at the top of the tree and from the plugin's
 * own parts (src.*, src.os*) and fields (shellshock.grade, rce.grade,
 * rce.exploit, shellshock.cve: TREE_FIELDS), see HEADER_FIELD below;
 * the values then go through frame_record_fill(), the ek reader's own
 * rules, into agg_state_add(), the report's own aggregation
 * (postproc/hsr_agg).
 * The options (state_spec.c) are honeyshark-report's --bucket, --tz,
 * --sensor-by and --sensor.  A time zone other than UTC sets TZ in
 * tshark's process, as honeyshark-report does in its own.
 */
#include <wireshark.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <epan/epan_dissect.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <wsutil/report_message.h>

#include "agg_save.h"
#include "frame_record.h"
#include "hs_compat.h"
#include "hs_src.h"
#include "hs_tap.h"
#include "state_spec.h"

typedef struct {
    agg_state_t st;
    state_spec_t spec;
    char *spec_text; /* the options, to start again on a reset */
    char *tmp_path;  /* FILE.tmpPID, written and renamed to FILE at each draw */
    hsr_status_t failed; /* the first aggregation error, reported once */
} state_tap_t;

/*
 * Where each field's value comes from.  Asking Wireshark for the fields
 * themselves (priming them) costs a hash insert and an item per field per
 * frame, more than the whole aggregation; so the tap reads the outermost
 * header of each layer from the protocol items at the top of the tree
 * (what the first ip.src, tcp.dstport... of the ek output is), and the
 * plugin's own fields from the parts that compute them.  One known
 * difference: a transport header quoted by an ICMP error behind an IPv6
 * extension header is not looked at (the ek reader takes its port).
 */
enum { L_IP, L_IPV6, L_TCP, L_UDP, L_ICMP, L_ICMPV6, L_COUNT };
static const char *const LAYER_NAMES[L_COUNT] = {"ip", "ipv6", "tcp", "udp", "icmp", "icmpv6"};
static int layer_proto[L_COUNT];
/* Fields read from the tree itself (Wireshark indexes them when the tap's
 * filter names them): the grades, and the exploit and CVE names. */
static const int TREE_FIELDS[] = {HSR_F_GRADE, HSR_F_RCE_GRADE, HSR_F_RCE_EXPLOIT, HSR_F_SS_CVE};
#define N_TREE_FIELDS (sizeof(TREE_FIELDS) / sizeof(TREE_FIELDS[0]))
static int tree_hf[HSR_F_COUNT]; /* hf id of each of those, -1 for the others */

typedef enum { V_NONE, V_INT, V_ADDR4, V_ADDR6 } value_kind_t;
static const struct {
    int layer, offset, size;
    value_kind_t kind;
    guint32 mask;
} HEADER_FIELD[HSR_F_COUNT] = {
    [HSR_F_IP_SRC] = {L_IP, 12, 4, V_ADDR4, 0},
    [HSR_F_IP_DST] = {L_IP, 16, 4, V_ADDR4, 0},
    [HSR_F_IP_PROTO] = {L_IP, 9, 1, V_INT, 0xFF},
    [HSR_F_IP6_SRC] = {L_IPV6, 8, 16, V_ADDR6, 0},
    [HSR_F_IP6_DST] = {L_IPV6, 24, 16, V_ADDR6, 0},
    [HSR_F_IP6_NXT] = {L_IPV6, 6, 1, V_INT, 0xFF},
    [HSR_F_TCP_DPORT] = {L_TCP, 2, 2, V_INT, 0xFFFF},
    [HSR_F_TCP_FLAGS] = {L_TCP, 12, 2, V_INT, 0x0FFF},
    [HSR_F_UDP_DPORT] = {L_UDP, 2, 2, V_INT, 0xFFFF},
    [HSR_F_ICMP_TYPE] = {L_ICMP, 0, 1, V_INT, 0xFF},
    [HSR_F_ICMP6_TYPE] = {L_ICMPV6, 0, 1, V_INT, 0xFF},
};

/* The frame being read, for the getters. */
typedef struct {
    proto_tree *tree;
    packet_info *pinfo;
    field_info *layer[L_COUNT]; /* the first of each at the top of the tree */
    const hs_src_fields_t *src;
    gboolean has_os;
    const char *os, *os_class;
} frame_ctx_t;

static GPtrArray *tree_items(const frame_ctx_t *c, int id)
{
    return tree_hf[id] >= 0 ? proto_get_finfo_ptr_array(c->tree, tree_hf[id]) : NULL;
}

/* The bytes of a header field, or NULL when the frame has none. */
static const guint8 *header_bytes(const frame_ctx_t *c, int id)
{
    if (HEADER_FIELD[id].kind == V_NONE)
        return NULL;
    const field_info *fi = c->layer[HEADER_FIELD[id].layer];
    if (!fi || !fi->ds_tvb || fi->start < 0 ||
        !tvb_bytes_exist(fi->ds_tvb, fi->start + HEADER_FIELD[id].offset, HEADER_FIELD[id].size))
        return NULL;
    return tvb_get_ptr(fi->ds_tvb, fi->start + HEADER_FIELD[id].offset, HEADER_FIELD[id].size);
}

static const char *src_string(const frame_ctx_t *c, int id)
{
    switch (id) {
    case HSR_F_AS_ORG: return c->src ? c->src->as_org : NULL;
    case HSR_F_COUNTRY: return c->src ? c->src->country : NULL;
    case HSR_F_COUNTRY_NAME: return c->src ? c->src->country_name : NULL;
    case HSR_F_DB_DATE: return c->src && c->src->n_db_dates ? c->src->db_dates[0] : NULL;
    case HSR_F_OS: return c->has_os ? c->os : NULL;
    case HSR_F_OS_CLASS: return c->has_os ? c->os_class : NULL;
    default: return NULL;
    }
}

static int tree_present(void *ctx, int id)
{
    const frame_ctx_t *c = ctx;
    if (id == HSR_F_ASN)
        return c->src && c->src->has_asn;
    if (tree_hf[id] >= 0) {
        GPtrArray *items = tree_items(c, id);
        return items && items->len > 0;
    }
    return header_bytes(c, id) != NULL || src_string(c, id) != NULL;
}

static int tree_integer(void *ctx, int id, int64_t lo, int64_t hi, int64_t *out)
{
    const frame_ctx_t *c = ctx;
    if (id == HSR_F_ASN) {
        if (!c->src || !c->src->has_asn)
            return 0;
        *out = c->src->asn;
    } else {
        const guint8 *b = header_bytes(c, id);
        if (!b)
            return 0;
        guint32 v = 0;
        for (int i = 0; i < HEADER_FIELD[id].size; i++)
            v = v << 8 | b[i];
        *out = v & HEADER_FIELD[id].mask;
    }
    return *out >= lo && *out <= hi ? 1 : -1;
}

static int tree_string(void *ctx, int id, hsr_str_t *out)
{
    const char *s = src_string(ctx, id);
    if (tree_hf[id] >= 0) { /* the first value, as ek's */
        GPtrArray *items = tree_items(ctx, id);
        s = items && items->len ? fvalue_get_string(HS_FI_VALUE(
                                      (field_info *)g_ptr_array_index(items, 0)))
                                : NULL;
    }
    if (!s || !*s)
        return 0;
    out->s = s;
    out->n = strnlen(s, HSR_MAX_STRING);
    return 1;
}

/* As inet_ntop prints it (the ek reader's canonical form); IPv4 without
 * printf, which would be the tap's largest cost. */
static int tree_address(void *ctx, int id, char out[HSR_MAX_ADDR])
{
    const guint8 *b = header_bytes(ctx, id);
    if (!b)
        return 0;
    if (HEADER_FIELD[id].kind == V_ADDR6)
        return inet_ntop(AF_INET6, b, out, HSR_MAX_ADDR) ? 1 : -1;
    char *p = out;
    for (int i = 0; i < 4; i++) {
        unsigned v = b[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        *p++ = i < 3 ? '.' : '\0';
    }
    return 1;
}

static int tree_epoch(void *ctx, int64_t *out)
{
    const frame_ctx_t *c = ctx;
    if (!c->pinfo->fd->has_ts)
        return 0;
    int64_t secs = (int64_t)c->pinfo->abs_ts.secs; /* nsecs >= 0: already rounded down */
    if (secs < -AGG_TIME_MAX || secs > AGG_TIME_MAX)
        return -1;
    *out = secs;
    return 1;
}

static int tree_grade(void *ctx, int id)
{
    GPtrArray *items = tree_items(ctx, id);
    guint32 best = 0;
    for (guint i = 0; items && i < items->len; i++) {
        field_info *fi = g_ptr_array_index(items, i);
        guint32 g = fvalue_get_uinteger(HS_FI_VALUE(fi));
        if (g > best)
            best = g;
    }
    return best >= 1 && best <= 3 ? (int)best : 0;
}

static const hsr_source_t tree_source = {tree_present, tree_integer, tree_string, tree_address,
                                         tree_epoch,   NULL,         tree_grade};

static tap_packet_status state_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                      const void *data _U_, tap_flags_t flags _U_)
{
    state_tap_t *t = tapdata;
    if (t->failed != HSR_OK || !edt->tree)
        return TAP_PACKET_DONT_REDRAW;
    frame_ctx_t c = {edt->tree, pinfo, {NULL}, hs_src_fields(pinfo), FALSE, NULL, NULL};
    c.has_os = hs_os_fields(pinfo, &c.os, &c.os_class);
    for (proto_node *n = edt->tree->first_child; n; n = n->next) {
        field_info *fi = PNODE_FINFO(n);
        for (int l = 0; fi && fi->hfinfo && l < L_COUNT; l++)
            if (fi->hfinfo->id == layer_proto[l] && !c.layer[l])
                c.layer[l] = fi;
    }
    hsr_frame_t f;
    frame_record_fill(&tree_source, &c, &f);
    t->failed = agg_state_add(&t->st, &f, t->spec.input_sensor);
    return TAP_PACKET_DONT_REDRAW;
}

static int to_stdout(const state_tap_t *t)
{
    return strcmp(t->spec.path, "-") == 0;
}

/* Writes the state to FILE through a temporary file, so that a failed
 * run leaves no half-written state, or to standard output for FILE "-"
 * (tshark -q prints nothing else there).  tshark draws once, at the end;
 * the GUI may draw again after a retap, which rewrites FILE. */
static void state_write(state_tap_t *t)
{
    const char *path = t->spec.path;
    if (t->failed != HSR_OK) {
        report_failure("honeyshark,state: %s; %s not written", hsr_strerror(t->failed), path);
        return;
    }
    if (to_stdout(t)) {
        if (agg_state_save(&t->st, stdout) != HSR_OK || fflush(stdout) != 0)
            report_failure("honeyshark,state: cannot write the state: %s", g_strerror(errno));
        return;
    }
    FILE *out = fopen(t->tmp_path, "w");
    int ok = out && agg_state_save(&t->st, out) == HSR_OK;
    ok = out && fclose(out) == 0 && ok;
    if (!ok || rename(t->tmp_path, path) != 0) {
        report_failure("honeyshark,state: cannot write %s: %s", path, g_strerror(errno));
        remove(t->tmp_path);
    }
}

static void state_draw(void *tapdata)
{
    state_tap_t *t = tapdata;
    t->st.sum.inputs = 1; /* one capture */
    state_write(t);
}

/* A retap (the GUI's, after a filter or a preference changes) reads every
 * frame again: the counts start again from nothing. */
static void state_reset(void *tapdata)
{
    state_tap_t *t = tapdata;
    char err[256];
    agg_state_free(&t->st);
    state_spec_free(&t->spec);
    /* The same text parsed at start: it cannot fail but for memory. */
    t->failed = state_spec_parse(t->spec_text, &t->st, &t->spec, err, sizeof(err));
}

static void state_finish(void *tapdata)
{
    state_tap_t *t = tapdata;
    hs_os_want_fields(FALSE);
    g_free(t->tmp_path);
    g_free(t->spec_text);
    agg_state_free(&t->st);
    state_spec_free(&t->spec);
    g_free(t);
}

static hs_stat_init_result_t state_init(const char *opt_arg, void *userdata _U_)
{
    static const char prefix[] = "honeyshark,state,";
    char err[256];
    state_tap_t *t = g_new0(state_tap_t, 1);
    const char *spec = strncmp(opt_arg, prefix, sizeof(prefix) - 1) == 0
                           ? opt_arg + sizeof(prefix) - 1
                           : "";
    t->spec_text = g_strdup(spec);
    if (state_spec_parse(spec, &t->st, &t->spec, err, sizeof(err)) != HSR_OK) {
        char *msg = g_strdup_printf("-z %s: %s", opt_arg, err);
        state_finish(t);
        HS_STAT_INIT_FAILED(msg); /* (leaks msg on 4.2+: once, before exit) */
    }
    /* A file that cannot be written fails now, before any frame is read. */
    t->tmp_path = g_strdup_printf("%s.tmp%d", t->spec.path, (int)getpid());
    FILE *probe = to_stdout(t) ? NULL : fopen(t->tmp_path, "w");
    if (!to_stdout(t) && !probe) {
        char *msg = g_strdup_printf("-z %s: cannot write %s: %s", opt_arg, t->tmp_path,
                                    g_strerror(errno));
        state_finish(t);
        HS_STAT_INIT_FAILED(msg);
    }
    if (probe) {
        fclose(probe);
        remove(t->tmp_path);
    }
    /* "frame || ip || ipv6 || ... || shellshock.grade || ...": true for
     * every frame, and it makes Wireshark build the layers' protocol items
     * and index TREE_FIELDS (4.6 fakes protocol items nothing refers to). */
    GString *filter = g_string_new("frame");
    for (int l = 0; l < L_COUNT; l++) {
        layer_proto[l] = proto_get_id_by_filter_name(LAYER_NAMES[l]);
        g_string_append_printf(filter, " || %s", LAYER_NAMES[l]);
    }
    for (int id = 0; id < HSR_F_COUNT; id++)
        tree_hf[id] = -1;
    for (size_t i = 0; i < N_TREE_FIELDS; i++) {
        header_field_info *hf = proto_registrar_get_byname(hsr_field(TREE_FIELDS[i])->name);
        tree_hf[TREE_FIELDS[i]] = hf ? hf->id : -1;
        if (hf)
            g_string_append_printf(filter, " || %s", hf->abbrev);
    }
    hs_os_want_fields(TRUE);
    GString *error = register_tap_listener("frame", t, filter->str, TL_REQUIRES_PROTO_TREE,
                                           state_reset, state_packet, state_draw, state_finish);
    g_string_free(filter, TRUE);
    if (error) {
        char *msg = g_strdup_printf("-z %s: %s", opt_arg, error->str);
        g_string_free(error, TRUE);
        state_finish(t);
        HS_STAT_INIT_FAILED(msg);
    }
    HS_STAT_INIT_DONE;
}

void hs_state_tap_register(void)
{
    static stat_tap_ui ui = {REGISTER_STAT_GROUP_GENERIC, "honeyshark report state",
                             "honeyshark,state,", state_init, 0, NULL};
    register_stat_tap_ui(&ui, NULL);
}
