/*
 * agg_state.c - frame-by-frame aggregation and merging, see agg_state.h.
 */
#include "agg_state.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg_schema.h"

hsr_status_t agg_state_init(agg_state_t *st, const agg_bucket_t *bucket, const char *tz,
                            agg_sensor_by_t by)
{
    memset(st, 0, sizeof(*st));
    st->bucket = *bucket;
    st->sensor_by = by;
    hsr_status_t s = agg_tz_open(&st->tz, tz);
    if (s != HSR_OK)
        return s;
    if ((s = agg_intern_init(&st->strs)) != HSR_OK)
        return s;
    for (int i = 0; i < AGG_NMAPS; i++)
        if ((s = agg_map_init(&st->maps[i], agg_schema[i].nval)) != HSR_OK)
            return s;
    return HSR_OK;
}

void agg_state_free(agg_state_t *st)
{
    for (size_t i = 0; i < st->nsensors; i++) {
        for (size_t j = 0; j < st->sensors[i].naddrs; j++)
            free(st->sensors[i].addrs[j]);
        free(st->sensors[i].addrs);
    }
    agg_intern_free(&st->strs);
    for (int i = 0; i < AGG_NMAPS; i++)
        agg_map_free(&st->maps[i]);
    memset(st, 0, sizeof(*st));
}

static int canon_addr(const char *in, char out[HSR_MAX_ADDR])
{
    unsigned char bin[16];
    if (inet_pton(AF_INET, in, bin) == 1)
        return inet_ntop(AF_INET, bin, out, HSR_MAX_ADDR) != NULL;
    if (inet_pton(AF_INET6, in, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, HSR_MAX_ADDR) != NULL;
    return 0;
}

static hsr_status_t sensor_add_addr(agg_sensor_t *s, const char *addr)
{
    for (size_t i = 0; i < s->naddrs; i++)
        if (strcmp(s->addrs[i], addr) == 0)
            return HSR_OK;
    if (s->naddrs >= HSR_MAX_SENSOR_ADDRS)
        return HSR_ERR_TOO_MANY;
    char **na = realloc(s->addrs, (s->naddrs + 1) * sizeof(char *));
    if (!na)
        return HSR_ERR_NOMEM;
    s->addrs = na;
    if (!(s->addrs[s->naddrs] = strdup(addr)))
        return HSR_ERR_NOMEM;
    s->naddrs++;
    return HSR_OK;
}

static hsr_status_t find_or_add_sensor(agg_state_t *st, const char *name, int dynamic,
                                       size_t *index)
{
    for (size_t i = 0; i < st->nsensors; i++)
        if (strcmp(st->sensors[i].name, name) == 0) {
            *index = i;
            return HSR_OK;
        }
    if (st->nsensors >= HSR_MAX_SENSORS)
        return HSR_ERR_TOO_MANY;
    if (strlen(name) >= HSR_MAX_SENSOR_NAME || !*name)
        return HSR_ERR_TOO_MANY;
    agg_sensor_t *s = &st->sensors[st->nsensors];
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->dynamic = dynamic;
    *index = st->nsensors++;
    if (!dynamic)
        st->nsensors_configured = st->nsensors;
    return HSR_OK;
}

hsr_status_t agg_state_add_sensor(agg_state_t *st, const char *name, const char *addrs,
                                  size_t *index)
{
    hsr_status_t s = find_or_add_sensor(st, name, 0, index);
    if (s != HSR_OK || !addrs)
        return s;
    const char *p = addrs;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char tmp[HSR_MAX_ADDR], canon[HSR_MAX_ADDR];
        if (n == 0 || n >= sizeof(tmp))
            return HSR_ERR_BAD_ADDR;
        memcpy(tmp, p, n);
        tmp[n] = '\0';
        if (!canon_addr(tmp, canon))
            return HSR_ERR_BAD_ADDR;
        if ((s = sensor_add_addr(&st->sensors[*index], canon)) != HSR_OK)
            return s;
        p += n;
        if (*p == ',')
            p++;
    }
    return HSR_OK;
}

int agg_sensor_of_addr(const agg_state_t *st, const char *addr)
{
    for (size_t i = 0; i < st->nsensors; i++)
        for (size_t j = 0; j < st->sensors[i].naddrs; j++)
            if (strcmp(st->sensors[i].addrs[j], addr) == 0)
                return (int)i;
    return -1;
}

static int any_addresses(const agg_state_t *st)
{
    for (size_t i = 0; i < st->nsensors; i++)
        if (st->sensors[i].naddrs)
            return 1;
    return 0;
}

uint64_t agg_port_key(const hsr_frame_t *f)
{
    if (f->ip_proto < 0)
        return AGG_PORT_UNKNOWN;
    if ((f->ip_proto == 6 || f->ip_proto == 17) && f->dport >= 0)
        return AGG_PORT_KEY(f->ip_proto, f->dport);
    return AGG_PORT_KEY(f->ip_proto, AGG_PORT_NONE);
}

void agg_port_label(uint64_t key, char *buf, size_t n)
{
    if (key == AGG_PORT_UNKNOWN) {
        snprintf(buf, n, "unknown");
        return;
    }
    unsigned proto = (unsigned)(key >> 20), port = (unsigned)(key & 0xFFFFF);
    const char *name = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 1 ? "icmp"
                     : proto == 58 ? "icmpv6" : NULL;
    if (port == AGG_PORT_NONE) {
        if (name && (proto == 1 || proto == 58))
            snprintf(buf, n, "%s", name);
        else if (name)
            snprintf(buf, n, "%s/?", name);
        else
            snprintf(buf, n, "ip-proto/%u", proto);
    } else {
        snprintf(buf, n, "%s/%u", name ? name : "?", port);
    }
}

hsr_status_t agg_port_parse(const char *text, uint64_t *key)
{
    if (!text)
        return HSR_ERR_BAD_PORT;
    if (strcmp(text, "icmp") == 0) {
        *key = AGG_PORT_KEY(1, AGG_PORT_NONE);
        return HSR_OK;
    }
    if (strcmp(text, "icmpv6") == 0) {
        *key = AGG_PORT_KEY(58, AGG_PORT_NONE);
        return HSR_OK;
    }
    unsigned proto = 6;
    const char *num = text;
    if (strncmp(text, "tcp/", 4) == 0)
        num = text + 4;
    else if (strncmp(text, "udp/", 4) == 0)
        proto = 17, num = text + 4;
    if (!*num || strlen(num) > 5 || strspn(num, "0123456789") != strlen(num))
        return HSR_ERR_BAD_PORT;
    long port = strtol(num, NULL, 10);
    if (port < 0 || port > 65535)
        return HSR_ERR_BAD_PORT;
    *key = AGG_PORT_KEY(proto, port);
    return HSR_OK;
}

/* Interns a value from an ek line, made printable: control bytes and
 * invalid UTF-8 become '?', so no writer can be fed terminal escapes. */
/* The cleaned text of v (bad UTF-8 and control characters as '?', at most
 * HSR_MAX_STRING bytes) into buf; its length.  Unknown is "". */
static size_t clean_string(hsr_str_t v, char buf[HSR_MAX_STRING + 1])
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)v.s;
    for (size_t i = 0; s && i < v.n && n < HSR_MAX_STRING;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        int ok = len > 0 && i + len <= v.n && n + len <= HSR_MAX_STRING;
        for (size_t k = 1; ok && k < len; k++)
            ok = (s[i + k] & 0xC0) == 0x80;
        if (ok && len == 2)
            ok = c >= 0xC2;
        if (ok && len == 1 && (c < 0x20 || c == 0x7F))
            ok = 0;
        if (!ok) {
            buf[n++] = '?';
            i++;
            continue;
        }
        memcpy(buf + n, s + i, len);
        n += len;
        i += len;
    }
    buf[n] = '\0';
    return n;
}

static hsr_status_t frame_sensor(agg_state_t *st, const hsr_frame_t *f, size_t input_sensor,
                                 size_t *sensor, int *towards)
{
    *towards = 1;
    if (st->sensor_by == AGG_SENSOR_BY_DST) {
        if (!f->dst[0]) {
            *towards = 0;
            return HSR_OK;
        }
        int known = agg_sensor_of_addr(st, f->dst);
        if (known >= 0) {
            *sensor = (size_t)known;
            return HSR_OK;
        }
        if (any_addresses(st)) {
            *towards = 0;
            return HSR_OK;
        }
        /* Each destination is a sensor; past the limit, one "(other)" column. */
        for (size_t i = 0; i < st->nsensors; i++)
            if (strcmp(st->sensors[i].name, f->dst) == 0) {
                *sensor = i;
                return HSR_OK;
            }
        if (st->nsensors >= HSR_MAX_SENSORS - 1) {
            st->sum.sensor_overflow++;
            return find_or_add_sensor(st, "(other)", 1, sensor);
        }
        return find_or_add_sensor(st, f->dst, 1, sensor);
    }
    if (input_sensor == SIZE_MAX) {
        hsr_status_t s = find_or_add_sensor(st, "all", 0, sensor);
        if (s != HSR_OK)
            return s;
    } else {
        *sensor = input_sensor;
    }
    const agg_sensor_t *sn = &st->sensors[*sensor];
    if (sn->naddrs) {
        *towards = 0;
        for (size_t j = 0; j < sn->naddrs; j++)
            if (f->dst[0] && strcmp(sn->addrs[j], f->dst) == 0)
                *towards = 1;
    }
    return HSR_OK;
}

/* A frame in a "frames, grades" entry: each family's grade, if any. */
static void count_grades(uint64_t *v, const int grade[AGG_NFAM])
{
    v[0]++;
    for (int fam = 0; fam < AGG_NFAM; fam++)
        if (grade[fam])
            v[AGG_G(fam, grade[fam])]++;
}

#define UPSERT(map, a, b, c)                                                                       \
    do {                                                                                           \
        uint64_t k_[AGG_KEY_WORDS] = {(a), (b), (c)};                                              \
        if (!(v = agg_map_upsert(&st->maps[map], k_)))                                             \
            return HSR_ERR_NOMEM;                                                                  \
    } while (0)

hsr_status_t agg_frame_facts(agg_state_t *st, const hsr_frame_t *f, size_t input_sensor,
                             agg_facts_t *x)
{
    hsr_status_t s;
    st->sum.frames_read++;
    st->sum.bad_values += f->bad_values;
    x->sensor = 0;
    if ((s = frame_sensor(st, f, input_sensor, &x->sensor, &x->towards)) != HSR_OK)
        return s;
    if (!x->towards) {
        st->sum.frames_not_towards++;
        return HSR_OK;
    }
    st->sum.frames_counted++;
    x->has_time = f->has_time;
    x->time = f->time;
    x->asn = f->has_asn ? f->asn : AGG_ASN_UNKNOWN;
    x->port = agg_port_key(f);
    memcpy(x->src, f->src, sizeof x->src); /* both HSR_MAX_ADDR, NUL-terminated */
    const hsr_str_t text[AGG_NTEXT] = {
        [AGG_T_ORG] = f->as_org,  [AGG_T_CC] = f->country,        [AGG_T_CNAME] = f->country_name,
        [AGG_T_OS] = f->os,       [AGG_T_OS_CLASS] = f->os_class, [AGG_T_DB_DATE] = f->db_date,
        [AGG_T_CVE] = f->cve,     [AGG_T_EXPLOIT] = f->exploit,
    };
    for (int i = 0; i < AGG_NTEXT; i++)
        x->len[i] = clean_string(text[i], x->text[i]);
    x->grade[AGG_FAM_SHELLSHOCK] = f->grade;
    x->grade[AGG_FAM_RCE] = f->rce_grade;
    for (int fam = 0; fam < AGG_NFAM; fam++)
        x->grade[fam] = x->grade[fam] >= 1 && x->grade[fam] <= 3 ? x->grade[fam] : 0;
    x->attempt = (f->ip_proto == 6 && f->syn == 1 && f->ack == 0) || f->ip_proto == 17 ||
                 (f->ip_proto == 1 && f->icmp_type == 8) ||
                 (f->ip_proto == 58 && f->icmp_type == 128);
    /* p0f labels SYN and SYN+ACK; the scanner's OS is on its SYN. */
    int syn_only = f->ip_proto == 6 && f->syn == 1 && f->ack == 0;
    x->os_counted = (f->os.s && f->ack != 1) || (!f->os.s && syn_only);

    st->sum.time_unknown += !f->has_time;
    st->sum.with_asn += f->has_asn;
    st->sum.with_country += x->len[AGG_T_CC] != 0;
    st->sum.with_os += f->has_os_field;
    st->sum.with_grade += x->grade[AGG_FAM_SHELLSHOCK] != 0;
    return HSR_OK;
}

hsr_status_t agg_state_add(agg_state_t *st, const hsr_frame_t *f, size_t input_sensor)
{
    agg_facts_t x;
    hsr_status_t s = agg_frame_facts(st, f, input_sensor, &x);
    return s != HSR_OK || !x.towards ? s : agg_state_add_facts(st, &x);
}

hsr_status_t agg_state_add_facts(agg_state_t *st, const agg_facts_t *x)
{
    hsr_status_t s;
    uint32_t src, id[AGG_NTEXT];
    if ((s = agg_intern(&st->strs, x->src, strlen(x->src), &src)) != HSR_OK)
        return s;
    for (int i = 0; i < AGG_NTEXT; i++)
        if ((s = agg_intern(&st->strs, x->text[i], x->len[i], &id[i])) != HSR_OK)
            return s;
    uint32_t org = id[AGG_T_ORG], cc = id[AGG_T_CC], cname = id[AGG_T_CNAME], os = id[AGG_T_OS],
             osclass = id[AGG_T_OS_CLASS], dbdate = id[AGG_T_DB_DATE];
    uint32_t name[AGG_NFAM] = {id[AGG_T_CVE], id[AGG_T_EXPLOIT]};
    uint64_t b = x->has_time ? (uint64_t)agg_bucket_key(&st->bucket, &st->tz, x->time)
                             : (uint64_t)AGG_TIME_UNKNOWN;
    uint64_t asn = x->asn, port = x->port, sensor = x->sensor;
    const int *grade = x->grade;
    uint64_t *v;

    UPSERT(AGG_AS, b, asn, sensor);
    count_grades(v, grade);
    UPSERT(AGG_AS_PORT, asn, b, port);
    v[0]++;
    UPSERT(AGG_COUNTRY, cc, sensor, 0);
    count_grades(v, grade);
    UPSERT(AGG_PORT, port, sensor, 0);
    v[0]++;
    UPSERT(AGG_TIME, b, sensor, 0);
    count_grades(v, grade);
    for (int fam = 0; fam < AGG_NFAM; fam++) {
        if (!grade[fam])
            continue;
        UPSERT(AGG_EXPLOIT, (uint64_t)fam, name[fam], b);
        v[grade[fam] - 1]++;
        if (src) {
            UPSERT(AGG_EXPLOIT_SRC, (uint64_t)fam, name[fam], src);
            v[0]++;
        }
    }
    UPSERT(AGG_TIME_PORT, b, port, sensor);
    v[0]++;
    if (org) {
        UPSERT(AGG_AS_ORG, asn, org, 0);
        v[0]++;
    }
    if (dbdate) {
        UPSERT(AGG_DB_DATE, dbdate, 0, 0);
        v[0]++;
    }
    if (cc && cname) {
        UPSERT(AGG_COUNTRY_NAME, cc, cname, 0);
        v[0]++;
    }
    if (src) {
        UPSERT(AGG_AS_SRC, b, asn, src);
        v[0]++;
        UPSERT(AGG_COUNTRY_SRC, cc, src, 0);
        v[0]++;
        for (int fam = 0; fam < AGG_NFAM; fam++)
            v[1 + fam] += grade[fam] != 0;
        UPSERT(AGG_PORT_SRC, port, src, 0);
        v[0]++;
        UPSERT(AGG_SRC_INFO, src, asn, cc);
        v[0]++;
        if (x->attempt) {
            UPSERT(AGG_SRC_PORT, src, port, 0);
            v[0]++;
        }
    }
    if (x->os_counted) {
        UPSERT(AGG_OS, os, osclass, sensor);
        v[0]++;
        if (src) {
            UPSERT(AGG_OS_SRC, os, src, 0);
            v[0]++;
        }
    }
    return HSR_OK;
}

static hsr_status_t merge_sensors(agg_state_t *dst, const agg_state_t *src, size_t *map)
{
    for (size_t i = 0; i < src->nsensors; i++) {
        const agg_sensor_t *s = &src->sensors[i];
        hsr_status_t r = find_or_add_sensor(dst, s->name, s->dynamic, &map[i]);
        for (size_t j = 0; r == HSR_OK && j < s->naddrs; j++)
            r = sensor_add_addr(&dst->sensors[map[i]], s->addrs[j]);
        if (r != HSR_OK)
            return r;
    }
    return HSR_OK;
}

/* d[i] += a[i] for all i, or nothing and 0 when a sum would wrap: only
 * forged states hold counts near 2^64, and a wrapped total would lie. */
static int add_counts(uint64_t *d, const uint64_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] > UINT64_MAX - a[i])
            return 0;
    for (size_t i = 0; i < n; i++)
        d[i] += a[i];
    return 1;
}

hsr_status_t agg_state_merge(agg_state_t *dst, const agg_state_t *src)
{
    if (dst->bucket.secs != src->bucket.secs || strcmp(dst->tz.name, src->tz.name) != 0 ||
        dst->sensor_by != src->sensor_by)
        return HSR_ERR_STATE_MISMATCH;
    size_t smap[HSR_MAX_SENSORS];
    hsr_status_t s = merge_sensors(dst, src, smap);
    if (s != HSR_OK)
        return s;
    uint32_t *idmap = malloc((src->strs.n ? src->strs.n : 1) * sizeof(uint32_t));
    if (!idmap)
        return HSR_ERR_NOMEM;
    for (size_t i = 0; i < src->strs.n && s == HSR_OK; i++)
        s = agg_intern(&dst->strs, src->strs.strs[i], src->strs.lens[i], &idmap[i]);
    for (int m = 0; m < AGG_NMAPS && s == HSR_OK; m++) {
        const agg_map_t *sm = &src->maps[m];
        for (size_t i = agg_map_next(sm, 0); i < sm->cap && s == HSR_OK;
             i = agg_map_next(sm, i + 1)) {
            uint64_t k[AGG_KEY_WORDS];
            memcpy(k, agg_map_key(sm, i), sizeof(k));
            for (int w = 0; w < AGG_KEY_WORDS; w++) {
                if (agg_schema[m].kind[w] == AGG_KW_STR)
                    k[w] = k[w] < src->strs.n ? idmap[k[w]] : 0;
                else if (agg_schema[m].kind[w] == AGG_KW_SENSOR)
                    k[w] = k[w] < src->nsensors ? smap[k[w]] : 0;
            }
            uint64_t *dv = agg_map_upsert(&dst->maps[m], k);
            if (!dv) {
                s = HSR_ERR_NOMEM;
                break;
            }
            const uint64_t *sv = agg_map_val(sm, i);
            if (!add_counts(dv, sv, sm->nval))
                s = HSR_ERR_BAD_STATE;
        }
    }
    free(idmap);
    if (s != HSR_OK)
        return s;
    const uint64_t *a = (const uint64_t *)&src->sum;
    uint64_t *d = (uint64_t *)&dst->sum;
    return add_counts(d, a, sizeof(agg_summary_t) / sizeof(uint64_t)) ? HSR_OK
                                                                     : HSR_ERR_BAD_STATE;
}
