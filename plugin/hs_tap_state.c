/*
 * hs_tap_state.c - `tshark -q -z honeyshark,state,FILE[,OPTION=VALUE]...`:
 * aggregates every frame while tshark dissects it and writes the state file
 * that `honeyshark-report --save-state` writes, without printing JSON.
 * `honeyshark-report merge FILE -r REPORT` prints any report from it.
 * FILE "-" is standard output.
 *
 * One listener on the "frame" tap.  Its filter names every field the
 * reports read (hsr_field(), the list the ek reader uses), so Wireshark
 * builds those items on every pass and keeps them findable; the frame's
 * values then go through frame_record_fill(), the ek reader's own rules,
 * into agg_state_add(), the report's own aggregation (postproc/hsr_agg).
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
#include "hs_tap.h"
#include "state_spec.h"

typedef struct {
    agg_state_t st;
    state_spec_t spec;
    char *tmp_path; /* FILE.tmpPID, opened at start: a bad FILE fails before reading */
    FILE *tmp;
    int hf[HSR_F_COUNT]; /* -1: not read (carried by another, or not in this Wireshark) */
    hsr_status_t failed; /* the first aggregation error, reported once */
} state_tap_t;

/* The frame being read, for the getters. */
typedef struct {
    const state_tap_t *t;
    proto_tree *tree;
    packet_info *pinfo;
} frame_ctx_t;

static field_info *first(const frame_ctx_t *c, int id)
{
    if (c->t->hf[id] < 0)
        return NULL;
    GPtrArray *items = proto_get_finfo_ptr_array(c->tree, c->t->hf[id]);
    return items && items->len > 0 ? (field_info *)g_ptr_array_index(items, 0) : NULL;
}

static int tree_present(void *ctx, int id)
{
    return first(ctx, id) != NULL;
}

static int tree_integer(void *ctx, int id, int64_t lo, int64_t hi, int64_t *out)
{
    field_info *fi = first(ctx, id);
    if (!fi)
        return 0;
    switch (fi->hfinfo->type) {
    case FT_UINT8:
    case FT_UINT16:
    case FT_UINT24:
    case FT_UINT32: *out = fvalue_get_uinteger(HS_FI_VALUE(fi)); break;
    case FT_INT8:
    case FT_INT16:
    case FT_INT24:
    case FT_INT32: *out = fvalue_get_sinteger(HS_FI_VALUE(fi)); break;
    default: return -1;
    }
    return *out >= lo && *out <= hi ? 1 : -1;
}

static int tree_string(void *ctx, int id, hsr_str_t *out)
{
    field_info *fi = first(ctx, id);
    if (!fi)
        return 0;
    if (fi->hfinfo->type != FT_STRING && fi->hfinfo->type != FT_STRINGZ)
        return -1;
    const char *s = fvalue_get_string(HS_FI_VALUE(fi));
    if (!s || !*s)
        return 0;
    out->s = s;
    out->n = strnlen(s, HSR_MAX_STRING);
    return 1;
}

/* The address bytes the item covers, printed as inet_ntop does (the ek
 * reader's canonical form). */
static int tree_address(void *ctx, int id, char out[HSR_MAX_ADDR])
{
    field_info *fi = first(ctx, id);
    if (!fi)
        return 0;
    int family = fi->hfinfo->type == FT_IPv4 ? AF_INET : fi->hfinfo->type == FT_IPv6 ? AF_INET6 : 0;
    gint len = family == AF_INET ? 4 : 16;
    guint8 bytes[16];
    if (!family || !fi->ds_tvb || fi->length != len || fi->start < 0 ||
        tvb_captured_length_remaining(fi->ds_tvb, fi->start) < len)
        return -1;
    tvb_memcpy(fi->ds_tvb, bytes, fi->start, len);
    return inet_ntop(family, bytes, out, HSR_MAX_ADDR) ? 1 : -1;
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

static int tree_grade(void *ctx)
{
    const frame_ctx_t *c = ctx;
    GPtrArray *items = proto_get_finfo_ptr_array(c->tree, c->t->hf[HSR_F_GRADE]);
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
    frame_ctx_t c = {t, edt->tree, pinfo};
    hsr_frame_t f;
    frame_record_fill(&tree_source, &c, &f);
    t->failed = agg_state_add(&t->st, &f, t->spec.input_sensor);
    return TAP_PACKET_DONT_REDRAW;
}

static int to_stdout(const state_tap_t *t)
{
    return strcmp(t->spec.path, "-") == 0;
}

/* Writes the state into the temporary file opened at start and renames
 * it to FILE, so that a failed run leaves no half-written state; or to
 * standard output for FILE "-" (tshark -q prints nothing else there). */
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
    int ok = agg_state_save(&t->st, t->tmp) == HSR_OK;
    ok = fclose(t->tmp) == 0 && ok;
    t->tmp = NULL;
    if (!ok || rename(t->tmp_path, path) != 0)
        report_failure("honeyshark,state: cannot write %s: %s", path, g_strerror(errno));
}

static void state_draw(void *tapdata)
{
    state_tap_t *t = tapdata;
    t->st.sum.inputs = 1; /* one capture */
    state_write(t);
}

static void state_finish(void *tapdata)
{
    state_tap_t *t = tapdata;
    if (t->tmp) { /* not written */
        fclose(t->tmp);
        remove(t->tmp_path);
    }
    g_free(t->tmp_path);
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
    if (state_spec_parse(spec, &t->st, &t->spec, err, sizeof(err)) != HSR_OK) {
        char *msg = g_strdup_printf("-z %s: %s", opt_arg, err);
        state_finish(t);
        HS_STAT_INIT_FAILED(msg); /* (leaks msg on 4.2+: once, before exit) */
    }
    t->tmp_path = g_strdup_printf("%s.tmp%d", t->spec.path, (int)getpid());
    if (!to_stdout(t) && !(t->tmp = fopen(t->tmp_path, "w"))) {
        char *msg = g_strdup_printf("-z %s: cannot write %s: %s", opt_arg, t->tmp_path,
                                    g_strerror(errno));
        state_finish(t);
        HS_STAT_INIT_FAILED(msg);
    }
    /* "frame || ip.src || ...": true for every frame, and it makes
     * Wireshark build and index every field the record reads. */
    GString *filter = g_string_new("frame");
    for (size_t id = 0; id < HSR_F_COUNT; id++) {
        /* Those another field carries are left out, as tshark -e leaves them
         * out of the ek the report reads. */
        header_field_info *hfi =
            hsr_field(id)->carried ? NULL : proto_registrar_get_byname(hsr_field(id)->name);
        t->hf[id] = hfi ? hfi->id : -1;
        if (hfi)
            g_string_append_printf(filter, " || %s", hsr_field(id)->name);
    }
    GString *error = register_tap_listener("frame", t, filter->str, TL_REQUIRES_PROTO_TREE, NULL,
                                           state_packet, state_draw, state_finish);
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
