/*
 * fuzz_commands.c - the command extractor, grader and IOC miner on arbitrary
 * text, both as a payload's command text and as a Telnet command line.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ss_rules_t *rules;
    static ss_result_t res;
    static ss_arena_t arena;
    if (!rules) {
        rules = ss_rules_new();
        ss_rules_set_user(rules, "wget", SS_GRADE_GREEN);
        ss_result_init(&res);
        ss_arena_init(&arena);
    }
    ss_payload_t p = {0};
    ss_analyze_commands(rules, (const char *)data, size, &p, &arena);
    if (p.grade < SS_GRADE_GREEN || p.grade > SS_GRADE_RED || p.n_commands > SS_MAX_COMMANDS)
        abort();
    ss_arena_reset(&arena);

    ss_payload_t *line = ss_scan_command_line(rules, (const char *)data, size, &res);
    if (line && (line->grade < SS_GRADE_GREEN || line->grade > SS_GRADE_RED))
        abort();
    if (line && res.max_grade < line->grade)
        abort();
    return 0;
}
