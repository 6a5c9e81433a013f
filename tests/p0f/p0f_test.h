/*
 * p0f_test.h - helpers the p0f unit tests share: loading signature text,
 * building packets field by field or as raw IPv4/IPv6 + TCP bytes.
 */
#ifndef P0F_TEST_H
#define P0F_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p0f.h"
#include "unit.h"

#define CLASSES "classes = win,unix,other\n"

/* Loads text (expects P0F_OK); msgs may be NULL. */
static inline p0f_db_t *load_ok(const char *text, p0f_msgs_t *msgs)
{
    p0f_db_t *db = NULL;
    p0f_status_t st = p0f_db_load_text(text, strlen(text), "t.fp", &db, msgs);
    if (st != P0F_OK)
        fprintf(stderr, "\n  load: %s\n", p0f_strerror(st));
    CU_ASSERT_EQUAL(st, P0F_OK);
    return db;
}

/* A SYN (synack: SYN+ACK) packet from a layout such as "mss,sok,ts,nop,ws". */
static inline p0f_packet_t mkpk(int ver, int ttl, int win, int mss, int ws, const char *layout,
                                uint32_t quirks, int synack)
{
    p0f_packet_t pk;
    memset(&pk, 0, sizeof(pk));
    pk.ip_ver = (uint8_t)ver;
    pk.ttl = (uint8_t)ttl;
    pk.win = (uint16_t)win;
    pk.mss = (uint16_t)mss;
    pk.wscale = (uint8_t)ws;
    pk.quirks = quirks;
    pk.tcp_flags = synack ? 0x12 : 0x02;
    pk.tot_hdr = (uint16_t)(ver == 4 ? 20 : 40);
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s", layout);
    unsigned hdr = 20;
    for (char *save, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        uint8_t k;
        unsigned len;
        if (strcmp(t, "nop") == 0)
            k = P0F_OPT_NOP, len = 1;
        else if (strcmp(t, "mss") == 0)
            k = P0F_OPT_MSS, len = 4;
        else if (strcmp(t, "ws") == 0)
            k = P0F_OPT_WS, len = 3;
        else if (strcmp(t, "sok") == 0)
            k = P0F_OPT_SOK, len = 2;
        else if (strcmp(t, "sack") == 0)
            k = P0F_OPT_SACK, len = 10;
        else if (strcmp(t, "ts") == 0) {
            k = P0F_OPT_TS, len = 10;
            pk.ts1 = 1000;
        } else if (strncmp(t, "eol+", 4) == 0) {
            k = P0F_OPT_EOL, len = 1;
            pk.opt_eol_pad = (uint8_t)atoi(t + 4);
        } else
            k = (uint8_t)atoi(t + 1), len = 2;
        pk.opt_layout[pk.opt_cnt++] = k;
        hdr += len;
    }
    pk.tot_hdr = (uint16_t)(pk.tot_hdr + ((hdr + 3) & ~3u));
    return pk;
}

/* The label p0f would print for pk, or "???". */
static inline const char *answer(const p0f_db_t *db, const p0f_packet_t *pk, uint16_t syn_mss,
                                 p0f_result_t *res)
{
    p0f_result_t r;
    if (!res)
        res = &r;
    if (p0f_match(db, pk, syn_mss, res) != P0F_OK)
        return "(error)";
    return res->kind == P0F_MATCH_NONE ? "???" : res->label;
}

/* Raw packet builder: IPv4 or IPv6 header + TCP header with options. */
typedef struct {
    int v6;
    uint8_t ttl, tos;
    uint16_t id;
    uint16_t frag;     /* IPv4 flags/offset (0x4000 DF) */
    uint32_t flow;
    uint8_t ip_opts;   /* IPv4 option bytes (NOPs), multiple of 4 */
    uint8_t flags;     /* TCP flags */
    uint8_t res;       /* low nibble of the data offset byte */
    uint32_t seq, ack;
    uint16_t win, urg;
    const uint8_t *opts;
    size_t opts_len;   /* padded with zeros to a multiple of 4 */
    size_t payload;
} raw_t;

/* Writes the packet into buf (at least 200 + payload bytes); returns its length. */
static inline size_t mkraw(const raw_t *r, uint8_t *buf)
{
    size_t iph = r->v6 ? 40 : 20u + r->ip_opts;
    size_t tcph = 20 + ((r->opts_len + 3) & ~(size_t)3);
    size_t total = iph + tcph + r->payload;
    memset(buf, 0, total);
    if (!r->v6) {
        buf[0] = (uint8_t)(0x40 | iph / 4);
        buf[1] = r->tos;
        buf[2] = (uint8_t)(total >> 8), buf[3] = (uint8_t)total;
        buf[4] = (uint8_t)(r->id >> 8), buf[5] = (uint8_t)r->id;
        buf[6] = (uint8_t)(r->frag >> 8), buf[7] = (uint8_t)r->frag;
        buf[8] = r->ttl;
        buf[9] = 6;
        memset(buf + 20, 1, r->ip_opts);
    } else {
        uint32_t vt = 0x60000000u | (uint32_t)r->tos << 20 | (r->flow & 0xfffff);
        buf[0] = (uint8_t)(vt >> 24), buf[1] = (uint8_t)(vt >> 16);
        buf[2] = (uint8_t)(vt >> 8), buf[3] = (uint8_t)vt;
        size_t pl = total - 40;
        buf[4] = (uint8_t)(pl >> 8), buf[5] = (uint8_t)pl;
        buf[6] = 6;
        buf[7] = r->ttl;
    }
    uint8_t *t = buf + iph;
    t[0] = 0x80, t[1] = 0x00, t[2] = 0x00, t[3] = 23;
    t[4] = (uint8_t)(r->seq >> 24), t[5] = (uint8_t)(r->seq >> 16);
    t[6] = (uint8_t)(r->seq >> 8), t[7] = (uint8_t)r->seq;
    t[8] = (uint8_t)(r->ack >> 24), t[9] = (uint8_t)(r->ack >> 16);
    t[10] = (uint8_t)(r->ack >> 8), t[11] = (uint8_t)r->ack;
    t[12] = (uint8_t)((tcph / 4) << 4 | (r->res & 0x0f));
    t[13] = r->flags;
    t[14] = (uint8_t)(r->win >> 8), t[15] = (uint8_t)r->win;
    t[18] = (uint8_t)(r->urg >> 8), t[19] = (uint8_t)r->urg;
    if (r->opts_len)
        memcpy(t + 20, r->opts, r->opts_len);
    return total;
}

/* Linux's SYN options: mss 1460, sok, ts, nop, ws 7. */
static const uint8_t LINUX_OPTS[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x30, 0x39,
                                     0, 0, 0, 0, 1, 3, 3, 7};

#endif /* P0F_TEST_H */
