/*
 * ek_grades.c - the highest shellshock.grade in an ek line's text.
 *
 * json-c keeps only the last of repeated keys, and the full layout repeats
 * shellshock_shellshock_grade once per payload subtree; the grade counted
 * is the highest of all, so the text itself is read for every occurrence.
 */
#define _GNU_SOURCE
#include <string.h>

#include "ek_record.h"

/* The grade value after a key: "3", 3, or an array of those. */
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
            int v = 0, digits = 0;
            while (p < end && *p >= '0' && *p <= '9' && digits < 4)
                v = v * 10 + (*p++ - '0'), digits++;
            if (v >= 1 && v <= 3 && v > best && (p >= end || *p < '0' || *p > '9'))
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

int ek_scan_grades(const char *text, size_t len)
{
    static const char *const keys[] = {"\"shellshock_shellshock_grade\"", "\"shellshock_grade\""};
    int best = 0;
    const char *end = text + len;
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        size_t kl = strlen(keys[k]);
        const char *p = text;
        while (p < end && (p = memmem(p, (size_t)(end - p), keys[k], kl)) != NULL) {
            /* A quote preceded by an odd run of backslashes is inside a string. */
            size_t bs = 0;
            for (const char *q = p; q > text && q[-1] == '\\'; q--)
                bs++;
            if (bs % 2 == 0) {
                int g = grade_after(p + kl, end);
                if (g > best)
                    best = g;
            }
            p += kl;
        }
    }
    return best;
}

