/*
 * fuzz_telnet.c - a Telnet conversation of arbitrary bytes through the
 * session core (IAC parser, line assembly and editing, prompts,
 * sub-negotiations) and every completed line through the command grader,
 * and every environment value through the login-bypass test, as the plugin
 * does.
 *
 * Input: segments, each a header byte (bit 7: server side; bits 0-6: the
 * segment length, 0 = the rest) followed by its bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ss.h"
#include "tn_session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ss_rules_t *rules;
static ss_result_t res;

static void on_event(const tn_event_t *ev, void *user)
{
    (void)user;
    if (ev->len > SS_MAX_TELNET_LINE)
        abort(); /* lines are bounded */
    ss_payload_t *p;
    if (ev->kind == TN_EV_COMMAND) {
        p = ss_scan_command_line(rules, ev->text, ev->len, &res);
    } else if (ev->kind == TN_EV_ENVIRON) {
        if (!ev->name)
            abort(); /* names are always strings */
        if (tn_login_bypass(ev->option, ev->name, ev->text, ev->len) &&
            (ev->len == 0 || strcmp(ev->name, "USER") != 0))
            abort(); /* a bypass is a non-empty USER value */
        ss_result_reset(&res);
        p = ss_scan_value(rules, ev->text, ev->len, SS_VEC_TELNET_ENVIRON, NULL, 0, 0, &res);
    } else {
        return;
    }
    if (p && (p->grade < SS_GRADE_GREEN || p->grade > SS_GRADE_RED))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rules) {
        rules = ss_rules_new();
        ss_result_init(&res);
    }
    tn_session_t s;
    tn_session_init(&s);
    size_t i = 0;
    while (i < size) {
        uint8_t h = data[i++];
        size_t n = h & 0x7f;
        if (n == 0 || n > size - i)
            n = size - i;
        if (h & 0x80)
            tn_feed_server(&s, data + i, n);
        else
            tn_feed_client(&s, data + i, n, on_event, NULL);
        i += n;
        if (s.line.len > SS_MAX_TELNET_LINE || s.sb.len > SS_MAX_TELNET_LINE)
            abort(); /* memory per conversation is bounded */
    }
    tn_take_problems(&s);
    tn_session_free(&s);
    return 0;
}
