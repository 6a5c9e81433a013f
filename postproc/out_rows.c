/*
 * out_rows.c - frames as TabSeparated rows, see out_rows.h.
 */
#include "out_rows.h"

#include <inttypes.h>

const char out_rows_columns[] =
    "input_id\tseq\tsensor\thas_time\ttime\tsrc\tasn\tport\tss_grade\trce_grade\tattempt\t"
    "os_counted\tas_org\tcountry\tcountry_name\tos\tos_class\tdb_date\tss_cve\trce_exploit";

/* TabSeparated escaping: backslash, tab and newline (cleaned texts hold no
 * other control characters). */
static void put_text(FILE *out, const char *s)
{
    fputc('\t', out);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\\\", out);
        else if (*s == '\t')
            fputs("\\t", out);
        else if (*s == '\n')
            fputs("\\n", out);
        else
            fputc(*s, out);
    }
}

void out_rows_write(FILE *out, const agg_state_t *st, uint64_t input_id, uint64_t seq,
                    const agg_facts_t *x)
{
    fprintf(out, "%" PRIu64 "\t%" PRIu64, input_id, seq);
    put_text(out, st->sensors[x->sensor].name);
    fprintf(out, "\t%d\t%" PRId64, x->has_time, x->has_time ? x->time : 0);
    put_text(out, x->src);
    fprintf(out, "\t%" PRIu64 "\t%" PRIu64 "\t%d\t%d\t%d\t%d", x->asn, x->port,
            x->grade[AGG_FAM_SHELLSHOCK], x->grade[AGG_FAM_RCE], x->attempt, x->os_counted);
    for (int i = 0; i < AGG_NTEXT; i++)
        put_text(out, x->text[i]);
    fputc('\n', out);
}
