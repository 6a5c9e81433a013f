/*
 * packet-login.c - Telnet sessions: login attempts and graded command lines.
 *
 * A postdissector on Telnet (any port the Telnet dissector is set to).  On
 * the first pass, each conversation's bytes go, in frame order, through the
 * pure-C session core (core/tn_session.h): the completed client lines come
 * back as user names, passwords, commands and environment values.  Commands
 * and environment values are graded by the Shellshock core, and a USER
 * value that login(1) would read as an option is a login bypass
 * (tn_login_bypass: login.bypass, graded red); everything is
 * stored per frame, so later passes and the GUI, clicking packets in any
 * order, show the same fields (the transum pattern).
 */
#include <wireshark.h>

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/proto_data.h>

#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_shellshock.h"
#include "hs_tap.h"
#include "ss.h"
#include "tn_session.h"

static int proto_login = -1;
static int proto_telnet = -1;

static int hf_login_user = -1;
static int hf_login_password = -1;
static int hf_login_bypass = -1;
static int hf_login_grade = -1;

static gint ett_login = -1;

static expert_field ei_login_attempt = EI_INIT;
static expert_field ei_login_bypass = EI_INIT;
static expert_field ei_login_unparsed = EI_INIT;
static expert_field ei_login_not_text = EI_INIT;
static expert_field ei_login_not_kept = EI_INIT;

static dissector_table_t tcp_port_table;
static dissector_handle_t telnet_handle;

/* One Telnet conversation. */
typedef struct {
    tn_session_t tn;
    address server_addr;
    guint32 server_port;
    hs_kept_t kept; /* items kept so far (SS_MAX_KEPT_PER_CONVERSATION) */
} login_conv_t;

/* What one frame carries, computed on the first pass: a user name
 * (TN_EV_USER), a password (TN_EV_PASSWORD), a graded payload (payload set),
 * or a login bypass (TN_EV_ENVIRON without payload: text is "USER=value"). */
typedef struct {
    tn_event_kind_t kind;
    const char *text;           /* user name / password / bypass (display-safe) */
    const hs_payload_t *payload; /* command or environment payload, or NULL */
} login_item_t;

typedef struct {
    login_item_t *items; /* in wmem file scope */
    guint n_items;
    unsigned problems;   /* TN_PROB_* */
    gint offset, length; /* the Telnet data in the frame's bytes */
    hs_dropped_t dropped; /* lines over the SS_MAX_KEPT_* caps */
} login_frame_t;

/* Sessions hold malloc'd buffers: freed when the capture file closes. */
static GPtrArray *open_sessions;
/* One scratch array for every frame: no allocation for frames that complete
 * no line (most Telnet segments). */
static GArray *scratch_items;
static ss_result_t line_result;

/* ---- first pass ---- */

typedef struct {
    GArray *items;     /* login_item_t found in this frame so far */
    unsigned problems; /* TN_PROB_* */
    guint len;         /* Telnet bytes in this frame */
    hs_kept_t frame_kept;
    hs_kept_t *conv_kept;
    hs_dropped_t dropped;
} event_ctx_t;

/* A user name or password, display-safe, in file scope. */
static const char *login_text(const tn_event_t *ev)
{
    wmem_allocator_t *a = wmem_file_scope();
    char *copy = wmem_strndup(a, ev->text, ev->len);
    const char *shown = hs_display_string(a, copy, ev->len);
    if (shown != copy)
        wmem_free(a, copy);
    return shown;
}

/* A login bypass as shown: "USER=-fadm", display-safe, in file scope. */
static const char *bypass_text(const tn_event_t *ev)
{
    wmem_allocator_t *a = wmem_file_scope();
    char *copy = wmem_alloc(a, ev->len + 1); /* the value may hold NULs */
    memcpy(copy, ev->text, ev->len);
    copy[ev->len] = '\0';
    const char *shown = hs_display_string(a, copy, ev->len);
    char *text = wmem_strdup_printf(a, "%s=%s", ev->name, shown);
    if (shown != copy)
        wmem_free(a, (char *)shown);
    wmem_free(a, copy);
    return text;
}

/* A command line or environment value graded; NULL when it holds none. */
static ss_payload_t *grade_event(const tn_event_t *ev)
{
    const ss_rules_t *rules = hs_shellshock_rules();
    if (ev->kind == TN_EV_COMMAND)
        return ss_scan_command_line(rules, ev->text, ev->len, &line_result);
    ss_result_reset(&line_result);
    return ss_scan_value(rules, ev->text, ev->len, SS_VEC_TELNET_ENVIRON, NULL, 0, 0,
                         &line_result);
}

static void on_event(const tn_event_t *ev, void *user)
{
    event_ctx_t *ctx = user;
    login_item_t item = {.kind = ev->kind};
    ctx->problems |= ev->problems;
    if (ev->kind == TN_EV_ENVIRON && tn_login_bypass(ev->option, ev->name, ev->text, ev->len) &&
        hs_keep_item(&ctx->frame_kept, ctx->conv_kept, SS_GRADE_RED, &ctx->dropped)) {
        login_item_t bypass = {.kind = TN_EV_ENVIRON, .text = bypass_text(ev)};
        g_array_append_val(ctx->items, bypass);
    }
    ss_payload_t *p = NULL;
    if (ev->kind == TN_EV_COMMAND || ev->kind == TN_EV_ENVIRON) {
        p = grade_event(ev);
        if (!p)
            return; /* a blank line, or an environment value without an opener */
    }
    if (!hs_keep_item(&ctx->frame_kept, ctx->conv_kept, p ? p->grade : SS_GRADE_NONE,
                      &ctx->dropped))
        return;
    if (p) {
        p->raw_offset = 0; /* the item covers the frame's Telnet data */
        p->raw_len = ctx->len;
        item.payload = hs_payload_copy(wmem_file_scope(), p);
    } else {
        item.text = login_text(ev);
    }
    g_array_append_val(ctx->items, item);
}

static gboolean is_telnet_port(guint32 port)
{
    return tcp_port_table && telnet_handle &&
           dissector_get_uint_handle(tcp_port_table, port) == telnet_handle;
}

static login_conv_t *get_conv(packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    login_conv_t *lc = conversation_get_proto_data(conv, proto_login);
    if (lc)
        return lc;
    lc = wmem_new0(wmem_file_scope(), login_conv_t);
    tn_session_init(&lc->tn);
    /* The server is the side on a Telnet port; failing that, the lower port. */
    gboolean dst_is_server = is_telnet_port(pinfo->destport) ||
                             (!is_telnet_port(pinfo->srcport) && pinfo->destport < pinfo->srcport);
    copy_address_wmem(wmem_file_scope(), &lc->server_addr, dst_is_server ? &pinfo->dst : &pinfo->src);
    lc->server_port = dst_is_server ? pinfo->destport : pinfo->srcport;
    conversation_add_proto_data(conv, proto_login, lc);
    g_ptr_array_add(open_sessions, lc);
    return lc;
}

/* Feeds the frame's Telnet bytes to its session; the frame's record, or
 * NULL when the frame completes nothing. */
static login_frame_t *first_pass(packet_info *pinfo, GPtrArray *telnet_items)
{
    login_conv_t *lc = get_conv(pinfo);
    gboolean from_client = pinfo->destport == lc->server_port &&
                           addresses_equal(&pinfo->dst, &lc->server_addr);
    GArray *scratch = scratch_items;
    g_array_set_size(scratch, 0);
    event_ctx_t ctx = {scratch, 0, 0, {{0}}, &lc->kept, {0, 0, 0}};
    for (guint i = 0; i < telnet_items->len; i++) {
        field_info *fi = g_ptr_array_index(telnet_items, i);
        if (!fi->ds_tvb || fi->start < 0)
            continue;
        gint len = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
        if (fi->length >= 0 && fi->length < len)
            len = fi->length;
        if (len <= 0)
            continue;
        const guint8 *data = tvb_get_ptr(fi->ds_tvb, fi->start, len);
        if (from_client) {
            ctx.len = (guint)len;
            tn_feed_client(&lc->tn, data, (size_t)len, on_event, &ctx);
        } else {
            tn_feed_server(&lc->tn, data, (size_t)len);
        }
    }
    unsigned problems = ctx.problems | tn_take_problems(&lc->tn);
    if (scratch->len == 0 && problems == 0 && ctx.dropped.count == 0)
        return NULL;
    login_frame_t *frame = wmem_new0(wmem_file_scope(), login_frame_t);
    const field_info *fi = g_ptr_array_index(telnet_items, 0);
    frame->offset = fi->start;
    frame->length = fi->length;
    frame->problems = problems;
    frame->dropped = ctx.dropped;
    frame->n_items = scratch->len;
    if (frame->n_items)
        frame->items = wmem_memdup(wmem_file_scope(), scratch->data,
                                   frame->n_items * sizeof(login_item_t));
    return frame;
}

/* ---- every pass ---- */

/* A login bypass: its own login tree, graded red like a takeover. */
static void add_bypass(proto_tree *tree, packet_info *pinfo, tvbuff_t *ds, gint offset, gint len,
                       const char *text)
{
    proto_item *ti = proto_tree_add_protocol_format(tree, proto_login, ds, offset, len,
                                                    "Telnet login bypass (red): %s", text);
    proto_tree *lt = proto_item_add_subtree(ti, ett_login);
    proto_item *bi = proto_tree_add_string(lt, hf_login_bypass, ds, offset, len, text);
    proto_tree_add_uint(lt, hf_login_grade, ds, offset, len, SS_GRADE_RED);
    expert_add_info_format(pinfo, bi, &ei_login_bypass,
                           "Telnet login bypass: %s makes login(1) read an option (telnetd -f)",
                           text);
    col_append_fstr(pinfo->cinfo, COL_INFO, " [login bypass: %s]", text);
}

static int dissect_login(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    if (!tree || proto_telnet <= 0)
        return 0;
    login_frame_t *frame;
    if (!PINFO_FD_VISITED(pinfo)) {
        GPtrArray *items = proto_get_finfo_ptr_array(tree, proto_telnet);
        if (!items || items->len == 0)
            return 0;
        frame = first_pass(pinfo, items);
        if (!frame)
            return 0; /* nothing to show: keep no record */
        p_add_proto_data(wmem_file_scope(), pinfo, proto_login, 0, frame);
    } else {
        /* Later passes answer from the record (they may not even get the
         * telnet items: tshark -2 does not ask for them again). */
        frame = p_get_proto_data(wmem_file_scope(), pinfo, proto_login, 0);
        if (!frame)
            return 0;
    }
    /* Telnet is not reassembled: its bytes are in the frame's own tvb. */
    gint offset = frame->offset, len = frame->length;
    tvbuff_t *ds = tvb;
    if (offset < 0 || len < 0 || tvb_captured_length_remaining(ds, offset) < len)
        offset = 0, len = 0;
    hs_attempt_tap_t rec = {SS_GRADE_NONE, 0, 0, NULL};
    for (guint i = 0; i < frame->n_items; i++) {
        const login_item_t *it = &frame->items[i];
        if (it->payload) {
            hs_shellshock_add_payload(tree, pinfo, ds, len ? offset : -1, it->payload);
            hs_payload_tap_add(&rec, it->payload);
            continue;
        }
        if (it->kind == TN_EV_ENVIRON) {
            add_bypass(tree, pinfo, ds, offset, len, it->text);
            continue;
        }
        gboolean user = it->kind == TN_EV_USER;
        proto_item *ti = proto_tree_add_protocol_format(tree, proto_login, ds, offset, len,
                                                        "Telnet login: %s %s",
                                                        user ? "user" : "password", it->text);
        proto_tree *lt = proto_item_add_subtree(ti, ett_login);
        proto_item *fi_item = proto_tree_add_string(lt, user ? hf_login_user : hf_login_password,
                                                    ds, offset, len, it->text);
        expert_add_info_format(pinfo, fi_item, &ei_login_attempt, "Telnet login attempt: %s %s",
                               user ? "user" : "password", it->text);
        col_append_fstr(pinfo->cinfo, COL_INFO, " [login %s: %s]", user ? "user" : "password",
                        it->text);
    }
    hs_shellshock_mark_info(pinfo, rec.grade);
    hs_attempt_tap(HS_FAMILY_SHELLSHOCK, pinfo, &rec);
    for (unsigned bit = 0; bit < TN_PROB_COUNT; bit++) {
        if (frame->problems & (1u << bit))
            proto_tree_add_expert_format(tree, pinfo,
                                         (1u << bit) == TN_PROB_NOT_TEXT ? &ei_login_not_text
                                                                         : &ei_login_unparsed,
                                         ds, offset, len, "Telnet: %s", tn_problem_text(bit));
    }
    hs_add_dropped(tree, pinfo, &ei_login_not_kept, ds, offset, len,
                   "Telnet lines (logins, commands, environment values)", &frame->dropped);
    return 0;
}

static void login_init(void)
{
    open_sessions = g_ptr_array_new();
    scratch_items = g_array_new(FALSE, FALSE, sizeof(login_item_t));
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (proto_telnet > 0)
        g_array_append_val(wanted, proto_telnet);
    hs_postdissector_want(HS_PART_LOGIN, wanted);
}

static void login_cleanup(void)
{
    if (open_sessions) {
        for (guint i = 0; i < open_sessions->len; i++)
            tn_session_free(&((login_conv_t *)g_ptr_array_index(open_sessions, i))->tn);
        g_ptr_array_free(open_sessions, TRUE);
        open_sessions = NULL;
    }
    if (scratch_items) {
        g_array_free(scratch_items, TRUE);
        scratch_items = NULL;
    }
    hs_postdissector_want(HS_PART_LOGIN, NULL);
}

void proto_register_login(void)
{
    static hf_register_info hf[] = {
        {&hf_login_user,
         {"User", "login.user", FT_STRING, BASE_NONE, NULL, 0x0,
          "User name of a Telnet login attempt", HFILL}},
        {&hf_login_password,
         {"Password", "login.password", FT_STRING, BASE_NONE, NULL, 0x0,
          "Password of a Telnet login attempt", HFILL}},
        {&hf_login_bypass,
         {"Bypass", "login.bypass", FT_STRING, BASE_NONE, NULL, 0x0,
          "NEW-ENVIRON or OLD-ENVIRON USER value that login(1) would read as an option "
          "(telnetd -f bypass), as NAME=value",
          HFILL}},
        {&hf_login_grade,
         {"Grade", "login.grade", FT_UINT8, BASE_DEC, VALS(shellshock_grade_vals), 0x0,
          "Grade of a Telnet login bypass (always red: it takes control)", HFILL}},
    };
    static gint *ett[] = {&ett_login};
    static ei_register_info ei[] = {
        {&ei_login_attempt,
         {"login.attempt", PI_SECURITY, PI_CHAT, "Telnet login attempt", EXPFILL}},
        /* Red, as shellshock.red. */
        {&ei_login_bypass,
         {"login.bypass_attempt", PI_SECURITY, PI_WARN,
          "Telnet login bypass: USER makes login(1) read an option", EXPFILL}},
        /* Limits of our own analysis, not packets that break Telnet: Undecoded. */
        {&ei_login_unparsed,
         {"login.unparsed", PI_UNDECODED, PI_WARN, "Telnet data could not be fully parsed",
          EXPFILL}},
        {&ei_login_not_text,
         {"login.not_text", PI_UNDECODED, PI_NOTE,
          "The client's stream is not text: its lines are not logins or commands", EXPFILL}},
        {&ei_login_not_kept,
         {"login.not_kept", PI_UNDECODED, PI_WARN,
          "Telnet lines over the per-frame or per-conversation limit were not kept", EXPFILL}},
    };
    proto_login = proto_register_protocol("Telnet login (honeyshark)", "Login", "login");
    proto_register_field_array(proto_login, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_login), ei, array_length(ei));
    ss_result_init(&line_result);
    hs_postdissector_add(HS_PART_LOGIN, proto_login, dissect_login);
    register_init_routine(login_init);
    register_cleanup_routine(login_cleanup);
}

void proto_reg_handoff_login(void)
{
    proto_telnet = proto_get_id_by_filter_name("telnet");
    telnet_handle = find_dissector("telnet");
    tcp_port_table = find_dissector_table("tcp.port");
    if (proto_telnet <= 0)
        ws_warning("honeyshark: no Telnet dissector found; Telnet sessions are not read");
}
