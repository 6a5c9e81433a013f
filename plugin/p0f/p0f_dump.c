/*
 * p0f_dump.c - a packet's raw signature as p0f prints it (raw_sig=, from
 * fp_tcp.c's dump_sig()): the line a user copies into p0f.fp to teach it a
 * new system, and what the tests compare with p0f's own output.
 *
 * Written with plain appends, no printf: it runs on every SYN of a
 * tshark -T fields pass.
 */
#include "p0f_int.h"

typedef struct {
    char *buf;
    size_t size, len;
} out_t;

static void put_c(out_t *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_s(out_t *o, const char *s)
{
    while (*s)
        put_c(o, *s++);
}

static void put_u(out_t *o, unsigned v)
{
    char d[12];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        put_c(o, d[--n]);
}

size_t p0f_packet_format(const p0f_packet_t *pk, uint16_t syn_mss, char *buf, size_t size)
{
    out_t o = {buf, buf ? size : 0, 0};
    p0f_probe_t ts;
    bool use_mtu = false;

    if (!pk) {
        if (buf && size)
            buf[0] = '\0';
        return 0;
    }

    /* ver:ttl+dist:olen: */
    uint8_t dist = p0f_guess_dist(pk->ttl);
    put_u(&o, pk->ip_ver);
    put_c(&o, ':');
    put_u(&o, pk->ttl);
    put_c(&o, '+');
    if (dist > P0F_MAX_DIST)
        put_c(&o, '?');
    else
        put_u(&o, dist);
    put_c(&o, ':');
    put_u(&o, pk->ip_opt_len);
    put_c(&o, ':');

    /* mss: (p0f suggests a wildcard for SYN+ACKs echoing p0f-sendsyn's MSS) */
    if (pk->mss == P0F_SPECIAL_MSS && (pk->tcp_flags & 0x17) == 0x12)
        put_c(&o, '*');
    else
        put_u(&o, pk->mss);
    put_c(&o, ':');

    /* wsize,scale: */
    p0f_probe_from_packet(pk, &ts);
    int m = p0f_win_multi(&ts, &use_mtu, syn_mss);
    if (m > 0) {
        put_s(&o, use_mtu ? "mtu*" : "mss*");
        put_u(&o, (unsigned)m);
    } else {
        put_u(&o, pk->win);
    }
    put_c(&o, ',');
    put_u(&o, pk->wscale);
    put_c(&o, ':');

    /* olayout: */
    for (unsigned i = 0; i < pk->opt_cnt && i < P0F_MAX_TCP_OPT; i++) {
        if (i)
            put_c(&o, ',');
        switch (pk->opt_layout[i]) {
        case P0F_OPT_EOL:
            put_s(&o, "eol+");
            put_u(&o, pk->opt_eol_pad);
            break;
        case P0F_OPT_NOP:
            put_s(&o, "nop");
            break;
        case P0F_OPT_MSS:
            put_s(&o, "mss");
            break;
        case P0F_OPT_WS:
            put_s(&o, "ws");
            break;
        case P0F_OPT_SOK:
            put_s(&o, "sok");
            break;
        case P0F_OPT_SACK:
            put_s(&o, "sack");
            break;
        case P0F_OPT_TS:
            put_s(&o, "ts");
            break;
        default:
            put_c(&o, '?');
            put_u(&o, pk->opt_layout[i]);
            break;
        }
    }
    put_c(&o, ':');

    /* quirks:pclass */
    bool first = true;
    for (size_t i = 0; i < p0f_quirk_name_count; i++) {
        if (pk->quirks & p0f_quirk_names[i].bit) {
            if (!first)
                put_c(&o, ',');
            put_s(&o, p0f_quirk_names[i].name);
            first = false;
        }
    }
    put_s(&o, pk->pay_len ? ":+" : ":0");

    if (o.size)
        o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
    return o.len;
}
