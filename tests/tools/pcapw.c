/*
 * pcapw.c - classic pcap writer for synthetic Ethernet/IPv4/IPv6 packets.
 *
 * Checksums are computed, so the captures look like real traffic to every
 * tool that reads them (tshark, p0f, editcap).
 */
#include "pcapw.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PW_SNAPLEN 262144u
#define PW_MAX_FRAME (14u + 40u + 60u + 65535u)

static unsigned char frame_buf[PW_MAX_FRAME];

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t sum_bytes(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)(p[n - 1] << 8);
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

bool pw_open(pw_writer_t *w, const char *path)
{
    w->frames = 0;
    w->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!w->f)
        return false;
    /* Native byte order, microsecond timestamps, LINKTYPE_ETHERNET. */
    struct {
        uint32_t magic;
        uint16_t major, minor;
        int32_t thiszone;
        uint32_t sigfigs, snaplen, network;
    } hdr = {0xa1b2c3d4, 2, 4, 0, 0, PW_SNAPLEN, 1};
    return fwrite(&hdr, sizeof(hdr), 1, w->f) == 1;
}

bool pw_close(pw_writer_t *w)
{
    bool ok = !ferror(w->f);
    if (w->f != stdout)
        ok = fclose(w->f) == 0 && ok;
    else
        ok = fflush(w->f) == 0 && ok;
    w->f = NULL;
    return ok;
}

static bool write_frame(pw_writer_t *w, double t, size_t len)
{
    double sec = floor(t);
    struct {
        uint32_t sec, usec, incl, orig;
    } rec = {(uint32_t)sec, (uint32_t)llround((t - sec) * 1e6), (uint32_t)len, (uint32_t)len};
    if (rec.usec >= 1000000) {
        rec.sec++;
        rec.usec -= 1000000;
    }
    w->frames++;
    return fwrite(&rec, sizeof(rec), 1, w->f) == 1 && fwrite(frame_buf, 1, len, w->f) == len;
}

/* IPv4 options bytes of a shape (0 for IPv6 or none). */
static size_t ip_opts_len(const pw_shape_t *shape)
{
    return shape && shape->ip_opts && shape->ip_opts_len <= 40 ? shape->ip_opts_len : 0;
}

/* Writes Ethernet + IP headers for an L4 packet of l4_len bytes already at
 * frame_buf[14 + ip header length]; returns the frame length. */
static size_t ip_headers(const pw_endpoint_t *src, const pw_endpoint_t *dst, uint8_t proto,
                         size_t l4_len, const pw_shape_t *shape, uint8_t **l4)
{
    static const pw_shape_t defaults = {0};
    if (!shape)
        shape = &defaults;
    uint8_t *eth = frame_buf;
    static const uint8_t mac_a[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    static const uint8_t mac_b[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x02};
    memcpy(eth, mac_b, 6);
    memcpy(eth + 6, mac_a, 6);
    uint8_t ttl = shape->ttl ? shape->ttl : 64;
    if (!src->v6) {
        put16(eth + 12, 0x0800);
        uint8_t *ip = eth + 14;
        size_t hlen = 20 + ((ip_opts_len(shape) + 3) & ~(size_t)3);
        memset(ip, 0, hlen);
        ip[0] = (uint8_t)(0x40 | hlen / 4);
        ip[1] = shape->tos;
        put16(ip + 2, (uint16_t)(hlen + l4_len));
        put16(ip + 4, shape->ip_id);
        put16(ip + 6, (uint16_t)((shape->df ? 0x4000 : 0) | shape->ip_frag));
        ip[8] = ttl;
        ip[9] = proto;
        memcpy(ip + 12, src->addr, 4);
        memcpy(ip + 16, dst->addr, 4);
        if (ip_opts_len(shape))
            memcpy(ip + 20, shape->ip_opts, ip_opts_len(shape));
        put16(ip + 10, fold(sum_bytes(0, ip, hlen)));
        *l4 = ip + hlen;
        return 14 + hlen + l4_len;
    }
    put16(eth + 12, 0x86dd);
    uint8_t *ip = eth + 14;
    put32(ip, 0x60000000u | (uint32_t)shape->tos << 20 | (shape->flow & 0xfffff));
    put16(ip + 4, (uint16_t)l4_len);
    ip[6] = proto;
    ip[7] = ttl;
    memcpy(ip + 8, src->addr, 16);
    memcpy(ip + 24, dst->addr, 16);
    *l4 = ip + 40;
    return 14 + 40 + l4_len;
}

/* The pseudo-header part of an L4 checksum. */
static uint32_t pseudo_sum(const pw_endpoint_t *src, const pw_endpoint_t *dst, uint8_t proto,
                           size_t l4_len)
{
    size_t alen = src->v6 ? 16 : 4;
    uint32_t sum = sum_bytes(0, src->addr, alen);
    sum = sum_bytes(sum, dst->addr, alen);
    return sum + proto + (uint32_t)l4_len;
}

static size_t l4_offset(const pw_endpoint_t *src, const pw_shape_t *shape)
{
    return 14 + (src->v6 ? 40u : 20u + ((ip_opts_len(shape) + 3) & ~(size_t)3));
}

bool pw_tcp(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
            uint8_t flags, uint32_t seq, uint32_t ack, const pw_shape_t *shape,
            const uint8_t *data, size_t len)
{
    size_t opts_len = shape ? shape->opts_len : 0;
    if (opts_len > 40 || len > 65000)
        return false;
    size_t hlen = 20 + ((opts_len + 3) & ~(size_t)3);
    uint8_t *tcp = frame_buf + l4_offset(src, src->v6 ? NULL : shape);
    memset(tcp, 0, hlen);
    put16(tcp, src->port);
    put16(tcp + 2, dst->port);
    put32(tcp + 4, seq);
    put32(tcp + 8, shape && shape->has_ack_override ? shape->ack_override : ack);
    tcp[12] = (uint8_t)((hlen / 4) << 4 | (shape ? shape->tcp_res & 0x0f : 0));
    tcp[13] = flags;
    put16(tcp + 14, shape && shape->window ? shape->window : 29200);
    put16(tcp + 18, shape ? shape->urg : 0);
    if (opts_len)
        memcpy(tcp + 20, shape->opts, opts_len);
    if (len)
        memcpy(tcp + hlen, data, len);
    uint8_t *l4;
    size_t flen = ip_headers(src, dst, 6, hlen + len, shape, &l4);
    put16(tcp + 16, fold(sum_bytes(pseudo_sum(src, dst, 6, hlen + len), tcp, hlen + len)));
    return write_frame(w, t, flen);
}

bool pw_udp(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
            const uint8_t *data, size_t len)
{
    if (len > 65000)
        return false;
    uint8_t *udp = frame_buf + l4_offset(src, NULL);
    put16(udp, src->port);
    put16(udp + 2, dst->port);
    put16(udp + 4, (uint16_t)(8 + len));
    put16(udp + 6, 0);
    if (len)
        memcpy(udp + 8, data, len);
    uint8_t *l4;
    size_t flen = ip_headers(src, dst, 17, 8 + len, NULL, &l4);
    uint16_t c = fold(sum_bytes(pseudo_sum(src, dst, 17, 8 + len), udp, 8 + len));
    put16(udp + 6, c ? c : 0xffff);
    return write_frame(w, t, flen);
}

bool pw_icmp_echo(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
                  bool reply, uint16_t id, uint16_t seq)
{
    static const uint8_t pad[32] = "honeyshark-echo-honeyshark-echo";
    uint8_t *icmp = frame_buf + l4_offset(src, NULL);
    size_t len = 8 + sizeof(pad);
    if (src->v6)
        icmp[0] = reply ? 129 : 128;
    else
        icmp[0] = reply ? 0 : 8;
    icmp[1] = 0;
    put16(icmp + 2, 0);
    put16(icmp + 4, id);
    put16(icmp + 6, seq);
    memcpy(icmp + 8, pad, sizeof(pad));
    uint8_t *l4;
    size_t flen = ip_headers(src, dst, src->v6 ? 58 : 1, len, NULL, &l4);
    uint32_t sum = src->v6 ? pseudo_sum(src, dst, 58, len) : 0;
    put16(icmp + 2, fold(sum_bytes(sum, icmp, len)));
    return write_frame(w, t, flen);
}

bool pw_parse_endpoint(const char *text, pw_endpoint_t *ep)
{
    char host[64];
    const char *port = NULL;
    memset(ep, 0, sizeof(*ep));
    if (text[0] == '[') {
        const char *end = strchr(text, ']');
        if (!end || (size_t)(end - text - 1) >= sizeof(host))
            return false;
        memcpy(host, text + 1, (size_t)(end - text - 1));
        host[end - text - 1] = '\0';
        if (end[1] == ':')
            port = end + 2;
        else if (end[1] != '\0')
            return false;
    } else {
        const char *colon = strchr(text, ':');
        const char *last = strrchr(text, ':');
        size_t n = strlen(text);
        if (colon && colon == last) { /* IPv4 with port */
            n = (size_t)(colon - text);
            port = colon + 1;
        }
        if (n >= sizeof(host))
            return false;
        memcpy(host, text, n);
        host[n] = '\0';
    }
    if (inet_pton(AF_INET, host, ep->addr) == 1) {
        ep->v6 = false;
    } else if (inet_pton(AF_INET6, host, ep->addr) == 1) {
        ep->v6 = true;
    } else {
        return false;
    }
    if (port) {
        char *end;
        unsigned long p = strtoul(port, &end, 10);
        if (*end || p > 65535 || end == port)
            return false;
        ep->port = (uint16_t)p;
    }
    return true;
}
