/*
 * test_report_fields.c - the reader's field table (ek_field), which
 * `honeyshark-report --fields` prints for tshark -e: each entry's names in
 * the two layouts follow from its tshark name the way tshark writes them,
 * the fields left out of --fields are carried by one listed, and the reader
 * really reads every field, under both names.  Nothing here names a field:
 * everything is derived from the table, so a field added there is tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ek_record.h"
#include "unit.h"

static ek_parser_t P;

static int init(void)
{
    return ek_parser_init(&P) == HSR_OK ? 0 : -1;
}

static int cleanup(void)
{
    ek_parser_free(&P);
    return 0;
}

static size_t n_fields(void)
{
    size_t n = 0;
    while (hsr_field(n))
        n++;
    return n;
}

/* tshark's names: -e layout "ip.src" -> "ip_src"; full layout
 * layers.ip.ip_ip_src (the protocol, then the -e name). */
static void test_names_follow_tshark(void)
{
    size_t n = n_fields();
    CU_ASSERT_FATAL(n > 0);
    for (size_t i = 0; i < n; i++) {
        const hsr_field_t *f = hsr_field(i);
        char ekey[128], full[160];
        size_t len = strlen(f->name);
        CU_ASSERT_FATAL(len > 0 && len < sizeof(ekey));
        CU_ASSERT(strspn(f->name, "abcdefghijklmnopqrstuvwxyz0123456789._") == len);
        CU_ASSERT(strchr(f->name, '.') != NULL && f->name[0] != '.' && f->name[len - 1] != '.');
        for (size_t j = 0; j <= len; j++)
            ekey[j] = f->name[j] == '.' ? '_' : f->name[j];
        HS_ASSERT_STR(f->ekey, ekey);
        CU_ASSERT(strncmp(f->name, f->proto, strlen(f->proto)) == 0 &&
                  f->name[strlen(f->proto)] == '.');
        snprintf(full, sizeof(full), "%s_%s", f->proto, ekey);
        HS_ASSERT_STR(f->full, full);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT(strcmp(hsr_field(j)->name, f->name) != 0);
    }
}

/* A field left out of --fields is carried by a listed one it belongs to
 * (tcp.flags.syn by tcp.flags). */
static void test_carried_fields_have_a_listed_parent(void)
{
    size_t n = n_fields(), listed = 0;
    for (size_t i = 0; i < n; i++) {
        const hsr_field_t *f = hsr_field(i);
        listed += !f->carried;
        if (!f->carried)
            continue;
        int parent = 0;
        for (size_t j = 0; j < n; j++) {
            const hsr_field_t *p = hsr_field(j);
            size_t pl = strlen(p->name);
            parent |= !p->carried && strncmp(f->name, p->name, pl) == 0 && f->name[pl] == '.';
        }
        if (!parent)
            fprintf(stderr, "\n  %s: carried, but by no listed field\n", f->name);
        CU_ASSERT(parent);
    }
    CU_ASSERT(listed > 0 && listed <= n);
}

/* What a record gave, as text, to compare two records. */
static void frame_text(const hsr_frame_t *f, char *buf, size_t n)
{
    snprintf(buf, n, "t%d:%lld s%s d%s p%d dp%d syn%d ack%d icmp%d g%d asn%d:%lu o%.*s c%.*s "
             "cn%.*s os%u:%.*s oc%.*s rg%d x%.*s cve%.*s db%.*s",
             f->has_time, (long long)f->time, f->src, f->dst, f->ip_proto, f->dport, f->syn,
             f->ack, f->icmp_type, f->grade, f->has_asn, (unsigned long)f->asn,
             f->as_org.s ? (int)f->as_org.n : 1, f->as_org.s ? f->as_org.s : "-",
             f->country.s ? (int)f->country.n : 1, f->country.s ? f->country.s : "-",
             f->country_name.s ? (int)f->country_name.n : 1,
             f->country_name.s ? f->country_name.s : "-", f->has_os_field,
             f->os.s ? (int)f->os.n : 1, f->os.s ? f->os.s : "-",
             f->os_class.s ? (int)f->os_class.n : 1, f->os_class.s ? f->os_class.s : "-",
             f->rce_grade, f->exploit.s ? (int)f->exploit.n : 1, f->exploit.s ? f->exploit.s : "-",
             f->cve.s ? (int)f->cve.n : 1, f->cve.s ? f->cve.s : "-",
             f->db_date.s ? (int)f->db_date.n : 1, f->db_date.s ? f->db_date.s : "-");
}

/* Parses a record; returns 1 and its text if it read cleanly. */
static int read_record(const char *line, char *text, size_t n)
{
    ek_kind_t k;
    hsr_frame_t f;
    if (ek_parse(&P, line, strlen(line), &k, &f) != HSR_OK || k != EK_FRAME || f.bad_values)
        return 0;
    frame_text(&f, text, n);
    return 1;
}

/* A record of k fields = values in the -e or the full layout (fields of
 * one protocol in one tree). */
static void record(const hsr_field_t *const *fs, const char *const *vals, size_t k, int full,
                   char *buf, size_t n)
{
    size_t used = (size_t)snprintf(buf, n, "{\"layers\":{");
    for (size_t i = 0; i < k; i++) {
        if (!full) {
            used += (size_t)snprintf(buf + used, n - used, "%s\"%s\":[\"%s\"]", i ? "," : "",
                                     fs[i]->ekey, vals[i]);
            continue;
        }
        int same = i > 0 && strcmp(fs[i - 1]->proto, fs[i]->proto) == 0;
        if (same)
            used--; /* back into the previous tree */
        else
            used += (size_t)snprintf(buf + used, n - used, "%s\"%s\":{", i ? "," : "",
                                     fs[i]->proto);
        used += (size_t)snprintf(buf + used, n - used, "%s\"%s\":\"%s\"}", same ? "," : "",
                                 fs[i]->full, vals[i]);
    }
    snprintf(buf + used, n - used, "}}");
    CU_ASSERT_FATAL(used + 2 < n);
}

/* The field another is read only after, and its value then: TCP fields
 * need ip.proto = 6, an exploit or CVE name its family's grade. */
static const hsr_field_t *base_of(const hsr_field_t *f, const char **value)
{
    const char *name = strcmp(f->name, "rce.exploit") == 0      ? "rce.grade"
                       : strcmp(f->name, "shellshock.cve") == 0 ? "shellshock.grade"
                                                                : "ip.proto";
    *value = strcmp(name, "ip.proto") == 0 ? "6" : "3";
    for (size_t i = 0; hsr_field(i); i++)
        if (strcmp(hsr_field(i)->name, name) == 0)
            return hsr_field(i);
    return NULL;
}

/* Every field of the table is read under both of its names: some value of
 * it (an address, a number, a flag, a text) changes what a record gives,
 * alone or after its base field (base_of), and it gives the same in both
 * layouts. */
static void test_every_field_is_read_in_both_layouts(void)
{
    static const char *const values[] = {"192.0.2.1", "2001:db8::1", "1", "0x0002",
                                         "1709305199", "X"};
    for (size_t i = 0; hsr_field(i); i++) {
        const hsr_field_t *f = hsr_field(i);
        const char *base_value;
        const hsr_field_t *base = base_of(f, &base_value);
        CU_ASSERT_FATAL(base != NULL);
        int read = 0;
        for (size_t nbase = 0; nbase <= (f != base) && !read; nbase++) {
            const hsr_field_t *fs[2] = {base, f};
            const char *vals[2] = {base_value, NULL};
            char line[512], base_text[512], e_text[512], full_text[512];
            record(fs, vals, nbase, 0, line, sizeof(line));
            CU_ASSERT_FATAL(read_record(line, base_text, sizeof(base_text)));
            for (size_t v = 0; v < sizeof(values) / sizeof(values[0]) && !read; v++) {
                vals[1] = values[v];
                record(fs + 1 - nbase, vals + 1 - nbase, nbase + 1, 0, line, sizeof(line));
                if (!read_record(line, e_text, sizeof(e_text)) || !strcmp(e_text, base_text))
                    continue;
                record(fs + 1 - nbase, vals + 1 - nbase, nbase + 1, 1, line, sizeof(line));
                CU_ASSERT(read_record(line, full_text, sizeof(full_text)));
                HS_ASSERT_STR(full_text, e_text);
                read = 1;
            }
        }
        if (!read)
            fprintf(stderr, "\n  %s: no value of it changes what a record gives\n", f->name);
        CU_ASSERT(read);
    }
}

static CU_TestInfo tests[] = {
    {"names in both layouts follow tshark's", test_names_follow_tshark},
    {"fields left out of --fields are carried by a listed one",
     test_carried_fields_have_a_listed_parent},
    {"every field is read, in both layouts", test_every_field_is_read_in_both_layouts},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN_FIXTURE("report fields", init, cleanup, tests)
