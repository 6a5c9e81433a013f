/*
 * ek_parse_only.c - the ceiling for a json-c ek reader: reads lines as
 * honeyshark-report does (1 MiB chunks, memchr) and parses each with
 * json-c, then frees it.  Nothing else.  Built by bench_report.sh.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    size_t cap = 1 << 20, start = 0, end = 0;
    char *buf = malloc(cap);
    struct json_tokener *tok = json_tokener_new_ex(64);
    unsigned long long lines = 0, objects = 0;
    for (;;) {
        char *nl = memchr(buf + start, '\n', end - start);
        if (!nl) {
            memmove(buf, buf + start, end - start);
            end -= start;
            start = 0;
            if (end == cap)
                buf = realloc(buf, cap *= 2);
            ssize_t got = read(0, buf + end, cap - end);
            if (got <= 0)
                break;
            end += (size_t)got;
            continue;
        }
        json_tokener_reset(tok);
        struct json_object *o = json_tokener_parse_ex(tok, buf + start, (int)(nl - buf - start));
        objects += o != NULL;
        json_object_put(o);
        lines++;
        start = (size_t)(nl - buf) + 1;
    }
    fprintf(stderr, "%llu lines, %llu objects\n", lines, objects);
    json_tokener_free(tok);
    free(buf);
    return 0;
}
