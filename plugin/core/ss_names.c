/*
 * ss_names.c - names and texts of the core's enums, and the result's life cycle.
 *
 * +--------------------------------------------------------------------+
 * | What the user sees of grades, vectors, CVEs and problems comes     |
 * | from here: the display-filter value names (GRADING.md §4), vector  |
 * | names (§1), CVE names (§2) and one sentence per SS_PROB_* bit for  |
 * | expert info.  Also ss_result_init/reset/free.                      |
 * +--------------------------------------------------------------------+
 */
#include "ss.h"

#include <string.h>
#include <strings.h>

const char *ss_grade_name(ss_grade_t grade)
{
    switch (grade) {
    case SS_GRADE_GREEN:
        return "green";
    case SS_GRADE_YELLOW:
        return "yellow";
    case SS_GRADE_RED:
        return "red";
    case SS_GRADE_NONE:
    default:
        return "none";
    }
}

ss_grade_t ss_grade_parse(const char *text)
{
    static const struct {
        const char *name, *number;
        ss_grade_t grade;
    } grades[] = {
        {"green", "1", SS_GRADE_GREEN},
        {"yellow", "2", SS_GRADE_YELLOW},
        {"red", "3", SS_GRADE_RED},
    };
    if (!text)
        return SS_GRADE_NONE;
    for (size_t i = 0; i < sizeof(grades) / sizeof(grades[0]); i++) {
        if (strcasecmp(text, grades[i].name) == 0 || strcmp(text, grades[i].number) == 0)
            return grades[i].grade;
    }
    return SS_GRADE_NONE;
}

const char *ss_vector_name(ss_vector_t vector)
{
    static const char *const names[SS_VEC_COUNT] = {
        [SS_VEC_HTTP_HEADER] = "http.header",       [SS_VEC_HTTP_URI] = "http.uri",
        [SS_VEC_HTTP_BODY] = "http.body",           [SS_VEC_TELNET_ENVIRON] = "telnet.environ",
        [SS_VEC_TELNET_COMMAND] = "telnet.command",
    };
    if ((unsigned)vector >= SS_VEC_COUNT)
        return "unknown";
    return names[vector];
}

const char *ss_cve_name(unsigned bit_index)
{
    /* Same order as the SS_CVE_* bits. */
    static const char *const names[SS_CVE_COUNT] = {
        "CVE-2014-6271", "CVE-2014-7169", "CVE-2014-7186",
        "CVE-2014-7187", "CVE-2014-6277", "CVE-2014-6278",
    };
    if (bit_index >= SS_CVE_COUNT)
        return "unknown";
    return names[bit_index];
}

const char *ss_problem_text(unsigned bit_index)
{
    /* Same order as the SS_PROB_* bits; each is one expert-info sentence. */
    static const char *const texts[SS_PROB_COUNT] = {
        "Commands are nested deeper than the unwrapping limit; the deeper part counts as one "
        "unknown command.",
        "The payload holds more commands than are listed; all of them were still graded.",
        "Too many URLs or hosts, or one too long: the indicator list was cut.",
        "A quote, $( or backquote runs to the end of the payload.",
        "The function definition has no matching closing brace.",
        "More Shellshock payloads than the per-request limit; the rest are not shown.",
        "A '%' not followed by two hex digits was kept as is.",
        "The body is shorter than its Content-Length or chunk sizes say, or its chunked framing is "
        "broken; the data present was scanned.",
        "A cap on headers, parameters or request size was reached; the rest was not scanned.",
        "A scanned value contains a NUL byte.",
        "A Telnet line is longer than the line limit; its end was dropped.",
        "A command has more words than the per-command limit; the rest were ignored.",
        "An obsolete folded header (continuation line) was joined to its header.",
    };
    if (bit_index >= SS_PROB_COUNT)
        return "Unknown problem.";
    return texts[bit_index];
}

void ss_result_init(ss_result_t *res)
{
    memset(res, 0, sizeof(*res));
    ss_arena_init(&res->arena);
}

void ss_result_reset(ss_result_t *res)
{
    /* Payload slots are cleared when they are filled, not here: a reset is
     * done per packet and must stay cheap. */
    res->n_payloads = 0;
    res->max_grade = SS_GRADE_NONE;
    res->problems = 0;
    ss_arena_reset(&res->arena);
}

void ss_result_free(ss_result_t *res)
{
    ss_arena_free(&res->arena);
    res->n_payloads = 0;
    res->max_grade = SS_GRADE_NONE;
    res->problems = 0;
}
