/*
 * p0f_packet.c - the fields p0f fingerprints, from a raw IPv4 or IPv6
 * header and the TCP header after it, as p0f 3.09b's parse_packet() finds
 * them: TTL, IP options length, quirks of both headers, window, TCP option
 * layout with MSS, window scale and timestamps, payload length.
 *
 * Bounded: the IP header is at most 60 bytes, the TCP header at most 60,
 * at most P0F_MAX_TCP_OPT options are recorded (more set the 'bad' quirk,
 * as in p0f), and no byte past len is read.
 *
 * One difference from p0f: a capture cut short after the TCP header (a
 * small snap length) is fingerprinted, with the payload length the IP
 * header gives; p0f skips such packets.  pk->truncated says so.
 */
#include <string.h>

#include "p0f_int.h"

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* TCP flags p0f names. */
enum { F_FIN = 0x01, F_SYN = 0x02, F_RST = 0x04, F_PSH = 0x08, F_ACK = 0x10, F_URG = 0x20,
       F_ECE = 0x40, F_CWR = 0x80 };

/* The TCP options of [p, end): layout, MSS, scale, timestamps, quirks. */
static void parse_options(const uint8_t *p, const uint8_t *end, p0f_packet_t *pk)
{
    while (p < end && pk->opt_cnt < P0F_MAX_TCP_OPT) {
        uint8_t kind = *p++;
        pk->opt_layout[pk->opt_cnt++] = kind;
        switch (kind) {
        case P0F_OPT_EOL:
            /* The rest is padding; non-zero padding is a quirk.  (p0f steps
             * past the first non-zero byte before comparing with the end,
             * so a non-zero last byte alone goes unnoticed: kept.) */
            pk->opt_eol_pad = (uint8_t)(end - p);
            while (p < end && !*p++)
                ;
            if (p != end) {
                pk->quirks |= P0F_QUIRK_OPT_EOL_NZ;
                p = end;
            }
            break;
        case P0F_OPT_NOP:
            break;
        case P0F_OPT_MSS:
            if (p + 3 > end)
                goto bad;
            if (*p != 4)
                pk->quirks |= P0F_QUIRK_OPT_BAD;
            pk->mss = rd16(p + 1);
            p += 3;
            break;
        case P0F_OPT_WS:
            if (p + 2 > end)
                goto bad;
            if (*p != 3)
                pk->quirks |= P0F_QUIRK_OPT_BAD;
            pk->wscale = p[1];
            if (pk->wscale > 14)
                pk->quirks |= P0F_QUIRK_OPT_EXWS;
            p += 2;
            break;
        case P0F_OPT_SOK:
            if (p + 1 > end)
                goto bad;
            if (*p != 2)
                pk->quirks |= P0F_QUIRK_OPT_BAD;
            p++;
            break;
        case P0F_OPT_SACK:
            if (p == end || *p < 10 || *p > 34 || p - 1 + *p > end)
                goto bad;
            p += *p - 1;
            break;
        case P0F_OPT_TS:
            if (p + 9 > end)
                goto bad;
            if (*p != 10)
                pk->quirks |= P0F_QUIRK_OPT_BAD;
            pk->ts1 = rd32(p + 1);
            if (!pk->ts1)
                pk->quirks |= P0F_QUIRK_OPT_ZERO_TS1;
            if ((pk->tcp_flags & (F_SYN | F_ACK | F_FIN | F_RST)) == F_SYN && rd32(p + 5))
                pk->quirks |= P0F_QUIRK_OPT_NZ_TS2;
            p += 9;
            break;
        default:
            /* Unknown option with a length byte. */
            if (p == end || *p < 2 || *p > 40 || p - 1 + *p > end)
                goto bad;
            p += *p - 1;
            break;
        }
    }
    if (p == end)
        return;
bad:
    pk->quirks |= P0F_QUIRK_OPT_BAD;
}

p0f_status_t p0f_packet_parse(const uint8_t *ip, size_t len, p0f_packet_t *pk)
{
    const uint8_t *tcp;
    size_t packet_len, ip_hlen;

    if (!ip || !pk)
        return P0F_ERR_ARG;
    memset(pk, 0, sizeof(*pk));
    if (len < 1)
        return P0F_ERR_TRUNCATED;

    if (ip[0] >> 4 == 4) {
        if (len < 20)
            return P0F_ERR_TRUNCATED;
        ip_hlen = (size_t)(ip[0] & 0x0f) * 4;
        uint16_t tot_len = rd16(ip + 2), flags_off = rd16(ip + 6);
        if (ip_hlen < 20)
            return P0F_ERR_HEADER;
        /* What p0f would see: the IP length, unless the capture has less. */
        packet_len = tot_len;
        if (len < tot_len)
            pk->truncated = true;
        if (packet_len < 40 || ip_hlen + 20 > packet_len)
            return P0F_ERR_HEADER;
        if (ip[9] != 6)
            return P0F_ERR_NOT_TCP;
        if (flags_off & ~0xc000u) /* MF or an offset */
            return P0F_ERR_FRAGMENT;
        if (len < ip_hlen + 20)
            return P0F_ERR_TRUNCATED;
        pk->ip_ver = 4;
        memcpy(pk->src, ip + 12, 4);
        memcpy(pk->dst, ip + 16, 4);
        pk->ip_opt_len = (uint8_t)(ip_hlen - 20);
        pk->tos = ip[1] >> 2;
        pk->ttl = ip[8];
        if (ip[1] & 0x03)
            pk->quirks |= P0F_QUIRK_ECN;
        if (flags_off & 0x8000)
            pk->quirks |= P0F_QUIRK_NZ_MBZ;
        if (flags_off & 0x4000) {
            pk->quirks |= P0F_QUIRK_DF;
            if (rd16(ip + 4))
                pk->quirks |= P0F_QUIRK_NZ_ID;
        } else if (!rd16(ip + 4)) {
            pk->quirks |= P0F_QUIRK_ZERO_ID;
        }
    } else if (ip[0] >> 4 == 6) {
        if (len < 40)
            return P0F_ERR_TRUNCATED;
        ip_hlen = 40;
        uint32_t ver_tos = rd32(ip);
        packet_len = (size_t)rd16(ip + 4) + 40;
        if (len < packet_len)
            pk->truncated = true;
        if (packet_len < 60)
            return P0F_ERR_HEADER;
        /* p0f does not walk IPv6 extension headers. */
        if (ip[6] != 6)
            return P0F_ERR_NOT_TCP;
        if (len < 60)
            return P0F_ERR_TRUNCATED;
        pk->ip_ver = 6;
        memcpy(pk->src, ip + 8, 16);
        memcpy(pk->dst, ip + 24, 16);
        pk->tos = (uint8_t)((ver_tos >> 22) & 0x3f);
        pk->ttl = ip[7];
        if (ver_tos & 0xfffff)
            pk->quirks |= P0F_QUIRK_FLOW;
        if ((ver_tos >> 20) & 0x03)
            pk->quirks |= P0F_QUIRK_ECN;
    } else {
        return P0F_ERR_NOT_IP;
    }

    tcp = ip + ip_hlen;
    packet_len -= ip_hlen;
    size_t doff = (size_t)(tcp[12] >> 4) * 4;
    if (doff < 20 || doff > packet_len)
        return P0F_ERR_HEADER;
    if (len < ip_hlen + doff)
        return P0F_ERR_TRUNCATED;
    pk->tot_hdr = (uint16_t)(ip_hlen + doff);
    pk->sport = rd16(tcp);
    pk->dport = rd16(tcp + 2);
    pk->tcp_flags = tcp[13];

    uint8_t flags = tcp[13], type = flags & (F_SYN | F_ACK | F_FIN | F_RST);
    if (((flags & F_SYN) && (flags & (F_FIN | F_RST))) || ((flags & F_FIN) && (flags & F_RST)) ||
        !type)
        return P0F_ERR_FLAGS;

    pk->win = rd16(tcp + 14);
    pk->seq = rd32(tcp + 4);
    if ((flags & (F_ECE | F_CWR)) || (tcp[12] & 0x01))
        pk->quirks |= P0F_QUIRK_ECN;
    if (!pk->seq)
        pk->quirks |= P0F_QUIRK_ZERO_SEQ;
    if (flags & F_ACK) {
        if (!rd32(tcp + 8))
            pk->quirks |= P0F_QUIRK_ZERO_ACK;
    } else if (!(flags & F_RST) && (tcp[8] & 0x01)) {
        /* p0f 3.09b tests "RD32(tcp->ack) & !(flags & TCP_RST)": a bitwise
         * AND with 1, so on the little-endian machines it runs on, only the
         * lowest bit of the first ack byte counts.  Kept for agreement. */
        pk->quirks |= P0F_QUIRK_NZ_ACK;
    }
    if (flags & F_URG)
        pk->quirks |= P0F_QUIRK_URG;
    else if (rd16(tcp + 18))
        pk->quirks |= P0F_QUIRK_NZ_URG;
    if (flags & F_PSH)
        pk->quirks |= P0F_QUIRK_PUSH;
    pk->pay_len = (uint32_t)(packet_len - doff);

    parse_options(tcp + 20, tcp + doff, pk);

    p0f_dir_t dir;
    return p0f_packet_dir(pk, &dir) ? P0F_OK : P0F_ERR_NOT_SYN;
}
