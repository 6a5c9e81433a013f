/*
 * ss_commands.c - command text in, commands + grade + indicators out.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §3, §4, §6 put together: ss_shell_walk() reports each   |
 * | simple command with its command-table row (found in the rules,     |
 * | ss_rules.c); each is graded (ss_grade.c), its name kept (the       |
 * | first SS_MAX_COMMANDS of them) and its arguments mined for         |
 * | indicators (ss_ioc.c), as is every text the walk reads.            |
 * | Grading and mining see every command, kept or not.                 |
 * +--------------------------------------------------------------------+
 */
#include "ss.h"

#include <string.h>

#include "ss_grade.h"
#include "ss_ioc.h"
#include "ss_shell.h"

typedef struct {
    const ss_rules_t *rules;
    ss_payload_t *p;
    ss_arena_t *arena;
    ss_ioc_t ioc;
    ss_grade_t grade;
} analysis_t;

/* Commands that get a shellshock.command value. */
static bool is_reported(const ss_cmd_t *cmd)
{
    return cmd->kind == SS_CMD_NAMED || cmd->kind == SS_CMD_DROPPED ||
           cmd->kind == SS_CMD_EXPANSION || cmd->kind == SS_CMD_TOO_DEEP;
}

static void keep_name(analysis_t *A, const char *name, size_t len)
{
    ss_payload_t *p = A->p;
    if (p->n_commands >= SS_MAX_COMMANDS) {
        p->problems |= SS_PROB_COMMANDS_TRUNCATED;
        return;
    }
    if (len > SS_MAX_COMMAND_NAME_LEN)
        len = SS_MAX_COMMAND_NAME_LEN;
    char *copy = ss_arena_strndup(A->arena, name, len);
    if (copy)
        p->commands[p->n_commands++] = copy;
}

static void on_command(void *ctx, const ss_cmd_t *cmd)
{
    analysis_t *A = ctx;
    ss_grade_t g = ss_grade_command(cmd);
    if (g > A->grade)
        A->grade = g;
    if (is_reported(cmd))
        keep_name(A, cmd->name, cmd->name_len);
    ss_ioc_command(&A->ioc, cmd);
}

static void on_text(void *ctx, const char *text, size_t len, const ss_shell_src_t *src)
{
    analysis_t *A = ctx;
    ss_ioc_scan_text(&A->ioc, text, len, src);
}

void ss_analyze_commands(const ss_rules_t *rules, const char *text, size_t len, ss_payload_t *p,
                         ss_arena_t *arena)
{
    analysis_t A;
    A.rules = rules;
    A.p = p;
    A.arena = arena;
    A.grade = SS_GRADE_GREEN; /* an empty command list is green */
    ss_ioc_init(&A.ioc);
    p->n_commands = 0;
    ss_shell_visitor_t v = {&A, on_command, on_text};
    p->problems |= ss_shell_walk_rules(text, text ? len : 0, &v, rules);
    p->grade = A.grade;
    ss_ioc_finish(&A.ioc, p, arena);
    ss_ioc_free(&A.ioc);
}
