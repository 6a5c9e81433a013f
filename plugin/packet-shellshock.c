/*
 * packet-shellshock.c - the "shellshock" protocol: Wireshark glue only.
 *
 * A postdissector part (hs_http_part.c): after HTTP has run, it hands each
 * HTTP message's bytes - the reassembled request, in the frame that
 * completes it - to the pure-C core (core/ss.h) and turns every graded
 * payload into a "shellshock" subtree with fields and expert info.  Two
 * UATs add rows to the core's command table (core/ss_command_table.c):
 * "Shellshock commands" with every column, and the older "Shellshock
 * command grades" (name and grade only), kept so that its files still load.
 */
#include <wireshark.h>

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/proto.h>
#include <epan/uat.h>

#include "hs_compat.h"
#include "hs_http_part.h"
#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_shellshock.h"
#include "hs_tap.h"
#include "ss.h"

static int proto_shellshock = -1;
static int proto_http = -1;

static int hf_shellshock_grade = -1;
static int hf_shellshock_cve = -1;
static int hf_shellshock_vector = -1;
static int hf_shellshock_header = -1;
static int hf_shellshock_payload = -1;
static int hf_shellshock_command = -1;
static int hf_shellshock_url = -1;
static int hf_shellshock_host = -1;

static gint ett_shellshock = -1;

static expert_field ei_shellshock_red = EI_INIT;
static expert_field ei_shellshock_yellow = EI_INIT;
static expert_field ei_shellshock_green = EI_INIT;
static expert_field ei_shellshock_unparsed = EI_INIT;
static expert_field ei_shellshock_not_kept = EI_INIT;


const value_string shellshock_grade_vals[] = {
    {SS_GRADE_GREEN, "green"},
    {SS_GRADE_YELLOW, "yellow"},
    {SS_GRADE_RED, "red"},
    {0, NULL},
};

/* ---- preferences ---- */
static hs_pref_bool_t pref_info_column = TRUE;

/* ---- the command grade table (UAT) ---- */
typedef struct {
    char *command;
    guint grade;
    char *comment;
} grade_row_t;

static grade_row_t *grade_rows;
static guint n_grade_rows;
static ss_rules_t *rules;

UAT_CSTRING_CB_DEF(grade_rows, command, grade_row_t)
UAT_VS_DEF(grade_rows, grade, grade_row_t, guint, SS_GRADE_YELLOW, "yellow")
UAT_CSTRING_CB_DEF(grade_rows, comment, grade_row_t)

static void *grade_row_copy(void *dst_, const void *src_, size_t len _U_)
{
    grade_row_t *dst = dst_;
    const grade_row_t *src = src_;
    dst->command = g_strdup(src->command);
    dst->grade = src->grade;
    dst->comment = g_strdup(src->comment);
    return dst;
}

static void grade_row_free(void *r_)
{
    grade_row_t *r = r_;
    g_free(r->command);
    g_free(r->comment);
}

static hs_uat_result_t grade_row_update(void *r_, char **err)
{
    grade_row_t *r = r_;
    if (!r->command || !r->command[0] || strpbrk(r->command, " \t\r\n")) {
        *err = g_strdup("The command must be one name without blanks, e.g. wget or python3.");
        return FALSE;
    }
    if (r->grade < SS_GRADE_GREEN || r->grade > SS_GRADE_RED) {
        *err = g_strdup("The grade must be green, yellow or red.");
        return FALSE;
    }
    return TRUE;
}

/* ---- the command table (UAT): every column of the core's table ----
 * A separate UAT (file shellshock_commands) rather than more columns in
 * shellshock_grades: a UAT file line with fewer fields than the table is
 * rejected ("expecting field ...", Wireshark 4.0 to 4.6), so old grade
 * files would stop loading.  Both tables feed the same rules; a commands
 * row is applied after the grade rows, so it wins for its names. */
typedef struct {
    char *command;
    char *aliases;
    guint grade; /* SS_GRADE_NONE: built-in */
    char *kind;
    char *options;
    char *ioc;
    char *comment;
} command_row_t;

static command_row_t *command_rows;
static guint n_command_rows;

static const value_string command_grade_vals[] = {
    {SS_GRADE_NONE, "built-in"},
    {SS_GRADE_GREEN, "green"},
    {SS_GRADE_YELLOW, "yellow"},
    {SS_GRADE_RED, "red"},
    {0, NULL},
};

UAT_CSTRING_CB_DEF(command_rows, command, command_row_t)
UAT_CSTRING_CB_DEF(command_rows, aliases, command_row_t)
UAT_VS_DEF(command_rows, grade, command_row_t, guint, SS_GRADE_NONE, "built-in")
UAT_CSTRING_CB_DEF(command_rows, kind, command_row_t)
UAT_CSTRING_CB_DEF(command_rows, options, command_row_t)
UAT_CSTRING_CB_DEF(command_rows, ioc, command_row_t)
UAT_CSTRING_CB_DEF(command_rows, comment, command_row_t)

static void *command_row_copy(void *dst_, const void *src_, size_t len _U_)
{
    command_row_t *dst = dst_;
    const command_row_t *src = src_;
    dst->command = g_strdup(src->command);
    dst->aliases = g_strdup(src->aliases);
    dst->grade = src->grade;
    dst->kind = g_strdup(src->kind);
    dst->options = g_strdup(src->options);
    dst->ioc = g_strdup(src->ioc);
    dst->comment = g_strdup(src->comment);
    return dst;
}

static void command_row_free(void *r_)
{
    command_row_t *r = r_;
    g_free(r->command);
    g_free(r->aliases);
    g_free(r->kind);
    g_free(r->options);
    g_free(r->ioc);
    g_free(r->comment);
}

static ss_command_row_t command_row_core(const command_row_t *r)
{
    ss_command_row_t row = {r->command, r->aliases, (ss_grade_t)r->grade,
                            r->kind,    r->options, r->ioc};
    return row;
}

static hs_uat_result_t command_row_update(void *r_, char **err)
{
    command_row_t *r = r_;
    const char *why = NULL;
    if (!r->command || !r->command[0] || strpbrk(r->command, " \t\r\n")) {
        *err = g_strdup("The command must be one name without blanks, e.g. wget or python3.");
        return FALSE;
    }
    ss_command_row_t row = command_row_core(r);
    if (!ss_command_row_check(&row, &why)) {
        *err = g_strdup(why);
        return FALSE;
    }
    return TRUE;
}

/* Rebuilds the user rows of the rules after either table changed. */
static void user_rows_post_update(void)
{
    ss_rules_clear_user(rules);
    for (guint i = 0; i < n_grade_rows; i++)
        ss_rules_set_user(rules, grade_rows[i].command, (ss_grade_t)grade_rows[i].grade);
    for (guint i = 0; i < n_command_rows; i++) {
        ss_command_row_t row = command_row_core(&command_rows[i]);
        ss_rules_add_command(rules, &row, NULL);
    }
}

/* ---- building the tree ---- */

const char *hs_display_string(wmem_allocator_t *pool, const char *s, size_t len)
{
    const gchar *end;
    if (g_utf8_validate(s, (gssize)len, &end) && memchr(s, '\0', len) == NULL)
        return s;
    wmem_strbuf_t *out = hs_strbuf_new_sized(pool, len + 16);
    const char *p = s, *stop = s + len;
    while (p < stop) {
        if (*p == '\0') {
            wmem_strbuf_append(out, "\\x00");
            p++;
            continue;
        }
        const gchar *bad;
        if (g_utf8_validate(p, stop - p, &bad)) {
            wmem_strbuf_append_len(out, p, stop - p);
            break;
        }
        /* g_utf8_validate stops at the first NUL or invalid byte. */
        wmem_strbuf_append_len(out, p, bad - p);
        if (bad < stop && *bad != '\0') {
            wmem_strbuf_append_printf(out, "\\x%02X", (guint8)*bad);
            bad++;
        }
        p = bad;
    }
    return wmem_strbuf_get_str(out);
}

/* The Shellshock part of the postdissector (hs_http_part.c). */
static hs_http_part_t part = {
    .name = "Shellshock",
    .hf_exploit = -1,
    .ei_red = &ei_shellshock_red,
    .ei_yellow = &ei_shellshock_yellow,
    .ei_green = &ei_shellshock_green,
    .ei_unparsed = &ei_shellshock_unparsed,
    .ei_not_kept = &ei_shellshock_not_kept,
    .may_contain = ss_http_may_contain,
    .scan = ss_scan_http_request,
};

proto_item *hs_shellshock_add_payload(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                                      gint offset, const hs_payload_t *p)
{
    return hs_http_part_add_payload(&part, tree, pinfo, tvb, offset, p);
}

void hs_shellshock_mark_info(packet_info *pinfo, ss_grade_t max_grade)
{
    if (pref_info_column && max_grade != SS_GRADE_NONE)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [Shellshock: %s]", ss_grade_name(max_grade));
}

const ss_rules_t *hs_shellshock_rules(void)
{
    return rules;
}

/* ---- per-frame results ---- */

G_STATIC_ASSERT(SS_MAX_COMMANDS <= G_MAXUINT16 && SS_MAX_IOCS <= G_MAXUINT16);

/* Copies s (with its NUL) to *at and advances *at. */
static const char *put_string(char **at, const char *s, size_t len)
{
    char *d = *at;
    memcpy(d, s, len);
    d[len] = '\0';
    *at += len + 1;
    return d;
}

const hs_payload_t *hs_payload_copy(wmem_allocator_t *a, const ss_payload_t *p)
{
    const char *const *lists[3] = {p->commands, p->urls, p->hosts};
    const size_t counts[3] = {p->n_commands, p->n_urls, p->n_hosts};
    size_t n_strings = counts[0] + counts[1] + counts[2];
    /* One block: the struct, the string pointers, then the strings. */
    size_t size = sizeof(hs_payload_t) + n_strings * sizeof(char *) + p->payload_len + 1 +
                  (p->header ? strlen(p->header) + 1 : 0) +
                  (p->exploit ? strlen(p->exploit) + 1 : 0);
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++)
            size += strlen(lists[l][i]) + 1;
    hs_payload_t *c = wmem_alloc(a, size);
    const char **strings = (const char **)(c + 1);
    char *at = (char *)(strings + n_strings);
    *c = (hs_payload_t){
        .payload_len = (guint32)p->payload_len,
        .raw_offset = (guint32)p->raw_offset,
        .raw_len = (guint32)p->raw_len,
        .cves = p->cves,
        .problems = p->problems,
        .n_commands = (guint16)counts[0],
        .n_urls = (guint16)counts[1],
        .n_hosts = (guint16)counts[2],
        .vector = (guint8)p->vector,
        .grade = (guint8)p->grade,
        .strings = strings,
    };
    c->payload = put_string(&at, p->payload, p->payload_len);
    if (p->header)
        c->header = put_string(&at, p->header, strlen(p->header));
    if (p->exploit)
        c->exploit = put_string(&at, p->exploit, strlen(p->exploit));
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++)
            *strings++ = put_string(&at, lists[l][i], strlen(lists[l][i]));
    return c;
}

/* ---- caps on what is kept ---- */

gboolean hs_keep_item(hs_kept_t *frame_kept, hs_kept_t *conv_kept, ss_grade_t grade,
                      hs_dropped_t *dropped)
{
    unsigned g = grade <= SS_GRADE_RED ? (unsigned)grade : SS_GRADE_RED;
    unsigned caps = 0;
    if (frame_kept->by_grade[g] >= SS_MAX_KEPT_PER_FRAME)
        caps |= HS_CAP_FRAME;
    if (conv_kept->by_grade[g] >= SS_MAX_KEPT_PER_CONVERSATION)
        caps |= HS_CAP_CONVERSATION;
    if (!caps) {
        frame_kept->by_grade[g]++;
        conv_kept->by_grade[g]++;
        return TRUE;
    }
    dropped->count++;
    dropped->caps |= (guint8)caps;
    if (grade > dropped->grade)
        dropped->grade = (guint8)grade;
    return FALSE;
}

void hs_add_dropped(proto_tree *tree, packet_info *pinfo, expert_field *ei, tvbuff_t *tvb,
                    gint offset, gint len, const char *what, const hs_dropped_t *dropped)
{
    if (!dropped->count)
        return;
    char frame[32] = "", conv[40] = "";
    if (dropped->caps & HS_CAP_FRAME)
        g_snprintf(frame, sizeof(frame), "%d per frame", SS_MAX_KEPT_PER_FRAME);
    if (dropped->caps & HS_CAP_CONVERSATION)
        g_snprintf(conv, sizeof(conv), "%d per conversation", SS_MAX_KEPT_PER_CONVERSATION);
    proto_tree_add_expert_format(tree, pinfo, ei, tvb, offset, len,
                                 "%u %s not kept (limit of %s%s%s); highest grade among them: %s",
                                 dropped->count, what, frame, frame[0] && conv[0] ? " and " : "",
                                 conv, ss_grade_name((ss_grade_t)dropped->grade));
}

/* ---- the postdissector ---- */

static int dissect_shellshock(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    hs_attempt_tap_t rec = {SS_GRADE_NONE, 0, 0, NULL};
    if (!hs_http_part_dissect(&part, proto_http, tvb, pinfo, tree, &rec))
        return 0;
    hs_shellshock_mark_info(pinfo, rec.grade);
    hs_attempt_tap(HS_FAMILY_SHELLSHOCK, pinfo, &rec);
    return 0;
}

static void shellshock_init(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (proto_http > 0)
        g_array_append_val(wanted, proto_http);
    hs_postdissector_want(HS_PART_SHELLSHOCK, wanted);
}

static void shellshock_cleanup(void)
{
    hs_postdissector_want(HS_PART_SHELLSHOCK, NULL);
}

void proto_register_shellshock(void)
{
    static hf_register_info hf[] = {
        {&hf_shellshock_grade,
         {"Grade", "shellshock.grade", FT_UINT8, BASE_DEC, VALS(shellshock_grade_vals), 0x0,
          "Intent of the payload: green = probe, yellow = callback/unknown, red = takes control",
          HFILL}},
        {&hf_shellshock_cve,
         {"CVE", "shellshock.cve", FT_STRING, BASE_NONE, NULL, 0x0,
          "A Shellshock variant present in the payload", HFILL}},
        {&hf_shellshock_vector,
         {"Vector", "shellshock.vector", FT_STRING, BASE_NONE, NULL, 0x0,
          "Where the payload was found: http.header, http.uri, http.body, telnet.environ, "
          "telnet.command",
          HFILL}},
        {&hf_shellshock_header,
         {"Header", "shellshock.header", FT_STRING, BASE_NONE, NULL, 0x0,
          "Name of the HTTP header holding the payload", HFILL}},
        {&hf_shellshock_payload,
         {"Payload", "shellshock.payload", FT_STRING, BASE_NONE, NULL, 0x0,
          "The decoded value holding the payload, from the opener on", HFILL}},
        {&hf_shellshock_command,
         {"Command", "shellshock.command", FT_STRING, BASE_NONE, NULL, 0x0,
          "A command the payload runs, after unwrapping", HFILL}},
        {&hf_shellshock_url,
         {"URL", "shellshock.url", FT_STRING, BASE_NONE, NULL, 0x0,
          "A URL the commands fetch or mention", HFILL}},
        {&hf_shellshock_host,
         {"Host", "shellshock.host", FT_STRING, BASE_NONE, NULL, 0x0,
          "A host the commands contact, as written", HFILL}},
    };
    static gint *ett[] = {&ett_shellshock};
    static ei_register_info ei[] = {
        {&ei_shellshock_red,
         {"shellshock.red", PI_SECURITY, PI_WARN, "Shellshock payload graded red", EXPFILL}},
        {&ei_shellshock_yellow,
         {"shellshock.yellow", PI_SECURITY, PI_NOTE, "Shellshock payload graded yellow", EXPFILL}},
        {&ei_shellshock_green,
         {"shellshock.green", PI_SECURITY, PI_NOTE, "Shellshock payload graded green", EXPFILL}},
        /* Limits of our own analysis, not packets that break HTTP: Undecoded. */
        {&ei_shellshock_unparsed,
         {"shellshock.unparsed", PI_UNDECODED, PI_WARN,
          "Part of a Shellshock payload could not be parsed", EXPFILL}},
        {&ei_shellshock_not_kept,
         {"shellshock.not_kept", PI_UNDECODED, PI_WARN,
          "Payloads over the per-frame or per-conversation limit were not kept", EXPFILL}},
    };
    static uat_field_t grade_fields[] = {
        UAT_FLD_CSTRING(grade_rows, command, "Command",
                        "Command name as the payload runs it, after unwrapping (case-sensitive)"),
        UAT_FLD_VS(grade_rows, grade, "Grade", shellshock_grade_vals,
                   "green: probe, yellow: callback or unknown, red: takes control"),
        UAT_FLD_CSTRING(grade_rows, comment, "Comment", "Why this grade"),
        UAT_END_FIELDS,
    };
    static uat_field_t command_fields[] = {
        UAT_FLD_CSTRING(command_rows, command, "Command",
                        "Command name as the payload runs it, after unwrapping (case-sensitive)"),
        UAT_FLD_CSTRING(command_rows, aliases, "Aliases",
                        "Other names for the same command, separated by blanks"),
        UAT_FLD_VS(command_rows, grade, "Grade", command_grade_vals,
                   "built-in: keep the table's; green: probe, yellow: callback or unknown, "
                   "red: takes control"),
        UAT_FLD_CSTRING(command_rows, kind, "Kind",
                        "Empty (built-in), plain, echo, shell, interpreter, eval or prefix"),
        UAT_FLD_CSTRING(command_rows, options, "Options taking a value",
                        "e.g. -o -A --header (\"-oA\" lists letters); replaces the built-in list"),
        UAT_FLD_CSTRING(command_rows, ioc, "IOC role",
                        "Empty (built-in), none, url, host, dns, connect, tftp, ftpget or socat"),
        UAT_FLD_CSTRING(command_rows, comment, "Comment", "Why this row"),
        UAT_END_FIELDS,
    };

    proto_shellshock = proto_register_protocol("Shellshock payload (honeyshark)", "Shellshock",
                                               "shellshock");
    proto_register_field_array(proto_shellshock, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *em = expert_register_protocol(proto_shellshock);
    expert_register_field_array(em, ei, array_length(ei));

    rules = ss_rules_new();
    ss_result_init(&part.result);
    part.proto = proto_shellshock;
    part.hf_grade = hf_shellshock_grade;
    part.hf_cve = hf_shellshock_cve;
    part.hf_vector = hf_shellshock_vector;
    part.hf_header = hf_shellshock_header;
    part.hf_payload = hf_shellshock_payload;
    part.hf_command = hf_shellshock_command;
    part.hf_url = hf_shellshock_url;
    part.hf_host = hf_shellshock_host;
    part.ett = ett_shellshock;

    module_t *prefs = prefs_register_protocol(proto_shellshock, NULL);
    prefs_register_bool_preference(prefs, "info_column", "Mark graded packets in the Info column",
                                   "Append [Shellshock: red] etc. to the Info column",
                                   &pref_info_column);
    uat_t *uat = uat_new("Shellshock command grades", sizeof(grade_row_t), "shellshock_grades",
                         TRUE, &grade_rows, &n_grade_rows, UAT_AFFECTS_DISSECTION, NULL,
                         grade_row_copy, grade_row_update, grade_row_free, user_rows_post_update,
                         NULL, grade_fields);
    prefs_register_uat_preference(
        prefs, "grades", "Command grades",
        "Grades for command names; a row here wins over honeyshark's built-in table "
        "(GRADING.md section 4); the Shellshock commands table has every column",
        uat);
    uat_t *commands_uat = uat_new(
        "Shellshock commands", sizeof(command_row_t), "shellshock_commands", TRUE, &command_rows,
        &n_command_rows, UAT_AFFECTS_DISSECTION, NULL, command_row_copy, command_row_update,
        command_row_free, user_rows_post_update, NULL, command_fields);
    prefs_register_uat_preference(
        prefs, "commands", "Commands",
        "Rows of honeyshark's command table: grade, kind, options that take a value and IOC "
        "role of a command name; a row here wins over the built-in row and the Command grades "
        "table for its names",
        commands_uat);

    hs_attempt_tap_register(HS_FAMILY_SHELLSHOCK);
    hs_postdissector_add(HS_PART_SHELLSHOCK, proto_shellshock, dissect_shellshock);
    register_init_routine(shellshock_init);
    register_cleanup_routine(shellshock_cleanup);
}

void proto_reg_handoff_shellshock(void)
{
    proto_http = proto_get_id_by_filter_name("http");
    if (proto_http <= 0)
        ws_warning("honeyshark: no HTTP dissector found; Shellshock in HTTP is not scanned");
}
