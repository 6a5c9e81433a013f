/*
 * packet-rce.c - the "rce" protocol: shell command injection beyond
 * Shellshock, Wireshark glue only.
 *
 * A postdissector part (hs_http_part.c) like Shellshock's: each HTTP
 * request goes to the core's injection scanner (core/rce.h), which visits
 * the same values as the Shellshock scanner and grades the injected
 * commands with the same command table and rules (the Shellshock
 * preferences' tables); each injection becomes an "rce" subtree, named
 * after the known exploit it matches (the "Command injection exploits"
 * UAT's rows, then core/rce_exploits.c's table).
 */
#include <wireshark.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/uat.h>

#include "hs_compat.h"
#include "hs_http_part.h"
#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_tap.h"
#include "rce.h"

static int proto_rce = -1;
static int proto_http = -1;

static int hf_rce_grade = -1;
static int hf_rce_vector = -1;
static int hf_rce_param = -1;
static int hf_rce_payload = -1;
static int hf_rce_command = -1;
static int hf_rce_url = -1;
static int hf_rce_host = -1;
static int hf_rce_exploit = -1;

static gint ett_rce = -1;

static expert_field ei_rce_red = EI_INIT;
static expert_field ei_rce_yellow = EI_INIT;
static expert_field ei_rce_green = EI_INIT;
static expert_field ei_rce_unparsed = EI_INIT;
static expert_field ei_rce_not_kept = EI_INIT;

static hs_pref_bool_t pref_info_column = TRUE;

/* ---- known exploits (UAT): rows of core/rce.h's rce_exploit_t ---- */
typedef struct {
    char *name;
    char *method;
    char *path;
    char *param;
    char *comment;
} exploit_row_t;

static exploit_row_t *exploit_rows;
static guint n_exploit_rows;
static rce_exploit_t *user_exploits; /* the rows as the core reads them */

UAT_CSTRING_CB_DEF(exploit_rows, name, exploit_row_t)
UAT_CSTRING_CB_DEF(exploit_rows, method, exploit_row_t)
UAT_CSTRING_CB_DEF(exploit_rows, path, exploit_row_t)
UAT_CSTRING_CB_DEF(exploit_rows, param, exploit_row_t)
UAT_CSTRING_CB_DEF(exploit_rows, comment, exploit_row_t)

static void *exploit_row_copy(void *dst_, const void *src_, size_t len _U_)
{
    exploit_row_t *dst = dst_;
    const exploit_row_t *src = src_;
    dst->name = g_strdup(src->name);
    dst->method = g_strdup(src->method);
    dst->path = g_strdup(src->path);
    dst->param = g_strdup(src->param);
    dst->comment = g_strdup(src->comment);
    return dst;
}

static void exploit_row_free(void *r_)
{
    exploit_row_t *r = r_;
    g_free(r->name);
    g_free(r->method);
    g_free(r->path);
    g_free(r->param);
    g_free(r->comment);
}

static rce_exploit_t exploit_core(const exploit_row_t *r)
{
    rce_exploit_t e = {r->name, r->method, r->path, r->param};
    return e;
}

static hs_uat_result_t exploit_row_update(void *r_, char **err)
{
    const char *why = NULL;
    rce_exploit_t e = exploit_core(r_);
    if (!rce_exploit_check(&e, &why)) {
        *err = g_strdup(why);
        return FALSE;
    }
    return TRUE;
}

static void exploit_rows_post_update(void)
{
    g_free(user_exploits);
    user_exploits = g_new0(rce_exploit_t, n_exploit_rows ? n_exploit_rows : 1);
    for (guint i = 0; i < n_exploit_rows; i++)
        user_exploits[i] = exploit_core(&exploit_rows[i]);
}

/* The core's scanner, then the exploit names (user rows first). */
static size_t scan_request(const ss_rules_t *rules, const uint8_t *buf, size_t len,
                           ss_result_t *res)
{
    size_t n = rce_scan_http_request(rules, buf, len, res);
    rce_name_exploits(user_exploits, n_exploit_rows, buf, len, res);
    return n;
}

static hs_http_part_t part = {
    .name = "Command injection",
    .hf_cve = -1,
    .ei_red = &ei_rce_red,
    .ei_yellow = &ei_rce_yellow,
    .ei_green = &ei_rce_green,
    .ei_unparsed = &ei_rce_unparsed,
    .ei_not_kept = &ei_rce_not_kept,
    .may_contain = rce_http_may_contain,
    .scan = scan_request,
};

static int dissect_rce(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    hs_attempt_tap_t rec = {SS_GRADE_NONE, 0, 0, NULL};
    if (!hs_http_part_dissect(&part, proto_http, tvb, pinfo, tree, &rec))
        return 0;
    if (pref_info_column && rec.grade != SS_GRADE_NONE)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [RCE: %s]", ss_grade_name(rec.grade));
    hs_attempt_tap(HS_FAMILY_RCE, pinfo, &rec);
    return 0;
}

static void rce_init(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (proto_http > 0)
        g_array_append_val(wanted, proto_http);
    hs_postdissector_want(HS_PART_RCE, wanted);
}

static void rce_cleanup(void)
{
    hs_postdissector_want(HS_PART_RCE, NULL);
}

void proto_register_rce(void)
{
    static hf_register_info hf[] = {
        {&hf_rce_grade,
         {"Grade", "rce.grade", FT_UINT8, BASE_DEC, VALS(shellshock_grade_vals), 0x0,
          "Intent of the injected commands: green = probe, yellow = callback/unknown, red = "
          "takes control (the grades of shellshock.grade)",
          HFILL}},
        {&hf_rce_vector,
         {"Vector", "rce.vector", FT_STRING, BASE_NONE, NULL, 0x0,
          "Where the injection was found: http.header, http.uri, http.body", HFILL}},
        {&hf_rce_param,
         {"Parameter", "rce.param", FT_STRING, BASE_NONE, NULL, 0x0,
          "The query or form parameter, header or cookie holding the injection", HFILL}},
        {&hf_rce_payload,
         {"Payload", "rce.payload", FT_STRING, BASE_NONE, NULL, 0x0,
          "The decoded value holding the injection", HFILL}},
        {&hf_rce_command,
         {"Command", "rce.command", FT_STRING, BASE_NONE, NULL, 0x0,
          "A command the injection runs, after unwrapping", HFILL}},
        {&hf_rce_url,
         {"URL", "rce.url", FT_STRING, BASE_NONE, NULL, 0x0,
          "A URL the injected commands fetch or mention", HFILL}},
        {&hf_rce_host,
         {"Host", "rce.host", FT_STRING, BASE_NONE, NULL, 0x0,
          "A host the injected commands contact, as written", HFILL}},
        {&hf_rce_exploit,
         {"Exploit", "rce.exploit", FT_STRING, BASE_NONE, NULL, 0x0,
          "The known exploit the request matches (advisory or CVE id): the Command injection "
          "exploits table's rows, then honeyshark's",
          HFILL}},
    };
    static gint *ett[] = {&ett_rce};
    static ei_register_info ei[] = {
        {&ei_rce_red,
         {"rce.red", PI_SECURITY, PI_WARN, "Command injection graded red", EXPFILL}},
        {&ei_rce_yellow,
         {"rce.yellow", PI_SECURITY, PI_NOTE, "Command injection graded yellow", EXPFILL}},
        {&ei_rce_green,
         {"rce.green", PI_SECURITY, PI_NOTE, "Command injection graded green", EXPFILL}},
        {&ei_rce_unparsed,
         {"rce.unparsed", PI_UNDECODED, PI_WARN,
          "Part of an injected command could not be parsed", EXPFILL}},
        {&ei_rce_not_kept,
         {"rce.not_kept", PI_UNDECODED, PI_WARN,
          "Injections over the per-frame or per-conversation limit were not kept", EXPFILL}},
    };

    proto_rce = proto_register_protocol("Shell command injection (honeyshark)",
                                        "Command injection", "rce");
    proto_register_field_array(proto_rce, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *em = expert_register_protocol(proto_rce);
    expert_register_field_array(em, ei, array_length(ei));

    ss_result_init(&part.result);
    part.proto = proto_rce;
    part.hf_grade = hf_rce_grade;
    part.hf_vector = hf_rce_vector;
    part.hf_header = hf_rce_param;
    part.hf_payload = hf_rce_payload;
    part.hf_command = hf_rce_command;
    part.hf_url = hf_rce_url;
    part.hf_host = hf_rce_host;
    part.hf_exploit = hf_rce_exploit;
    part.ett = ett_rce;

    module_t *prefs = prefs_register_protocol(proto_rce, NULL);
    prefs_register_bool_preference(prefs, "info_column", "Mark injections in the Info column",
                                   "Append [RCE: red] etc. to the Info column",
                                   &pref_info_column);
    static uat_field_t exploit_fields[] = {
        UAT_FLD_CSTRING(exploit_rows, name, "Name", "Advisory or CVE id, e.g. CVE-2017-17215"),
        UAT_FLD_CSTRING(exploit_rows, method, "Method", "e.g. POST; empty: any"),
        UAT_FLD_CSTRING(exploit_rows, path, "Path",
                        "The request path before '?', as sent; * matches any run, e.g. "
                        "/GponForm/diag_Form*"),
        UAT_FLD_CSTRING(exploit_rows, param, "Parameter",
                        "The parameter, header or cookie holding the injection; empty: any"),
        UAT_FLD_CSTRING(exploit_rows, comment, "Comment", "What the exploit targets"),
        UAT_END_FIELDS,
    };
    uat_t *uat = uat_new("Command injection exploits", sizeof(exploit_row_t), "rce_exploits",
                         TRUE, &exploit_rows, &n_exploit_rows, UAT_AFFECTS_DISSECTION, NULL,
                         exploit_row_copy, exploit_row_update, exploit_row_free,
                         exploit_rows_post_update, NULL, exploit_fields);
    prefs_register_uat_preference(
        prefs, "exploits", "Known exploits",
        "Requests of known exploits (method, path pattern, parameter) and their names for "
        "rce.exploit; a row here wins over honeyshark's built-in table",
        uat);

    hs_attempt_tap_register(HS_FAMILY_RCE);
    hs_postdissector_add(HS_PART_RCE, proto_rce, dissect_rce);
    register_init_routine(rce_init);
    register_cleanup_routine(rce_cleanup);
}

void proto_reg_handoff_rce(void)
{
    proto_http = proto_get_id_by_filter_name("http");
}
