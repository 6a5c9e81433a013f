/*
 * ek_grades.c - the highest value of a grade field (shellshock.grade,
 * rce.grade) in an ek line's text.
 *
 * json-c keeps only the last of repeated keys, and the full layout repeats
 * shellshock_shellshock_grade once per payload subtree; the grade counted
 * is the highest of all, so the text itself is read for every occurrence.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ek_record.h"

/* The digit run at *pp as a grade: 1..3, 0 for another number, -1 for one
 * too big for 64 bits.  The whole run is consumed, so "30001" is not read
 * as "3000" and then "1". */
static int grade_number(const char **pp, const char *end)
{
    const char *p = *pp;
    uint64_t v = 0;
    int too_big = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX / 2 - d) / 10)
            too_big = 1; /* past INT64_MAX, like every other number read */
        else
            v = v * 10 + d;
    }
    *pp = p;
    if (too_big)
        return -1;
    return v >= 1 && v <= 3 ? (int)v : 0;
}

/* The grade value after a key: "3", 3, or an array of those; -1 when one
 * is too big for 64 bits. */
static int grade_after(const char *p, const char *end)
{
    int best = 0, in_array = 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != ':')
        return 0;
    for (p++; p < end; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '"' || c == ',')
            continue;
        if (c == '[' && !in_array) {
            in_array = 1;
            continue;
        }
        if (c >= '0' && c <= '9') {
            int v = grade_number(&p, end);
            if (v < 0)
                return -1;
            if (v > best)
                best = v;
            p--;
            if (!in_array)
                return best;
            continue;
        }
        break; /* ']', '}' or anything else ends the value */
    }
    return best;
}

int ek_scan_grades(const char *text, size_t len, int id)
{
    /* The field's key in both layouts, quoted: "rce_rce_grade", "rce_grade". */
    char keys[2][80];
    snprintf(keys[0], sizeof(keys[0]), "\"%s\"", hsr_field((size_t)id)->full);
    snprintf(keys[1], sizeof(keys[1]), "\"%s\"", hsr_field((size_t)id)->ekey);
    int best = 0;
    const char *end = text + len;
    for (size_t k = 0; k < 2; k++) {
        size_t kl = strlen(keys[k]);
        const char *p = text;
        while (p < end && (p = memmem(p, (size_t)(end - p), keys[k], kl)) != NULL) {
            /* A quote preceded by an odd run of backslashes is inside a string. */
            size_t bs = 0;
            for (const char *q = p; q > text && q[-1] == '\\'; q--)
                bs++;
            if (bs % 2 == 0) {
                int g = grade_after(p + kl, end);
                if (g < 0)
                    return -1;
                if (g > best)
                    best = g;
            }
            p += kl;
        }
    }
    return best;
}

