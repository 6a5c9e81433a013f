/*
 * frame_record.c - field values to the record the reports count, see
 * frame_record.h.
 */
#include "frame_record.h"

#include <string.h>

/* The plugin puts p0f's src.os* in the src tree, next to src.asn.  The
 * SYN and ACK flags come from tcp.flags.syn/ack when present, from
 * tcp.flags otherwise: -e needs only tcp.flags. */
static const hsr_field_t FIELDS[HSR_F_COUNT] = {
    [HSR_F_TIME] = {"frame.time_epoch", "frame_time_epoch", "frame", "frame_frame_time_epoch"},
    [HSR_F_IP_SRC] = {"ip.src", "ip_src", "ip", "ip_ip_src"},
    [HSR_F_IP6_SRC] = {"ipv6.src", "ipv6_src", "ipv6", "ipv6_ipv6_src"},
    [HSR_F_IP_DST] = {"ip.dst", "ip_dst", "ip", "ip_ip_dst"},
    [HSR_F_IP6_DST] = {"ipv6.dst", "ipv6_dst", "ipv6", "ipv6_ipv6_dst"},
    [HSR_F_IP_PROTO] = {"ip.proto", "ip_proto", "ip", "ip_ip_proto"},
    [HSR_F_IP6_NXT] = {"ipv6.nxt", "ipv6_nxt", "ipv6", "ipv6_ipv6_nxt"},
    [HSR_F_TCP_DPORT] = {"tcp.dstport", "tcp_dstport", "tcp", "tcp_tcp_dstport"},
    [HSR_F_TCP_SYN] = {"tcp.flags.syn", "tcp_flags_syn", "tcp", "tcp_tcp_flags_syn", .carried = 1},
    [HSR_F_TCP_ACK] = {"tcp.flags.ack", "tcp_flags_ack", "tcp", "tcp_tcp_flags_ack", .carried = 1},
    [HSR_F_TCP_FLAGS] = {"tcp.flags", "tcp_flags", "tcp", "tcp_tcp_flags"},
    [HSR_F_UDP_DPORT] = {"udp.dstport", "udp_dstport", "udp", "udp_udp_dstport"},
    [HSR_F_ICMP_TYPE] = {"icmp.type", "icmp_type", "icmp", "icmp_icmp_type"},
    [HSR_F_ICMP6_TYPE] = {"icmpv6.type", "icmpv6_type", "icmpv6", "icmpv6_icmpv6_type"},
    [HSR_F_GRADE] = {"shellshock.grade", "shellshock_grade", "shellshock",
                     "shellshock_shellshock_grade"},
    [HSR_F_ASN] = {"src.asn", "src_asn", "src", "src_src_asn"},
    [HSR_F_AS_ORG] = {"src.as_org", "src_as_org", "src", "src_src_as_org"},
    [HSR_F_COUNTRY] = {"src.country", "src_country", "src", "src_src_country"},
    [HSR_F_COUNTRY_NAME] = {"src.country_name", "src_country_name", "src",
                            "src_src_country_name"},
    [HSR_F_OS] = {"src.os", "src_os", "src", "src_src_os"},
    [HSR_F_OS_CLASS] = {"src.os_class", "src_os_class", "src", "src_src_os_class"},
    [HSR_F_RCE_GRADE] = {"rce.grade", "rce_grade", "rce", "rce_rce_grade"},
    [HSR_F_RCE_EXPLOIT] = {"rce.exploit", "rce_exploit", "rce", "rce_rce_exploit"},
    [HSR_F_SS_CVE] = {"shellshock.cve", "shellshock_cve", "shellshock", "shellshock_shellshock_cve"},
    [HSR_F_DB_DATE] = {"src.db_date", "src_db_date", "src", "src_src_db_date"},
};

const hsr_field_t *hsr_field(size_t id)
{
    return id < HSR_F_COUNT ? &FIELDS[id] : NULL;
}

typedef struct {
    const hsr_source_t *src;
    void *ctx;
    hsr_frame_t *f;
} filler_t;

/* Counts a value that could not be used: unreadable, or too big. */
static void count_bad(hsr_frame_t *f, int r)
{
    if (r == HSR_TOO_BIG)
        f->too_big++;
    else if (r < 0)
        f->bad_values++;
}

static int present(const filler_t *x, int id)
{
    return x->src->present(x->ctx, id);
}

/* An int field (left at -1 unless read). */
static void take_int(const filler_t *x, int id, int64_t lo, int64_t hi, int *dst)
{
    int64_t v;
    int r = x->src->integer(x->ctx, id, lo, hi, &v);
    if (r > 0)
        *dst = (int)v;
    count_bad(x->f, r);
}

static void take_str(const filler_t *x, int id, hsr_str_t *dst)
{
    if (x->src->string(x->ctx, id, dst) < 0)
        x->f->bad_values++;
}

/* The IPv4 field, else the IPv6 one. */
static void take_addr(const filler_t *x, int v4, int v6, char *dst)
{
    int r = x->src->address(x->ctx, v4, dst);
    if (r == 0)
        r = x->src->address(x->ctx, v6, dst);
    if (r <= 0)
        dst[0] = '\0';
    if (r < 0)
        x->f->bad_values++;
}

static void read_time(const filler_t *x)
{
    int64_t t;
    int r = x->src->epoch(x->ctx, &t);
    count_bad(x->f, r);
    if (r <= 0 && x->src->epoch_fallback) {
        r = x->src->epoch_fallback(x->ctx, &t);
        if (r == HSR_TOO_BIG)
            x->f->too_big++;
    }
    if (r > 0) {
        x->f->has_time = 1;
        x->f->time = t;
    }
}

static void read_transport(const filler_t *x)
{
    hsr_frame_t *f = x->f;
    if (present(x, HSR_F_IP_PROTO))
        take_int(x, HSR_F_IP_PROTO, 0, 255, &f->ip_proto);
    else
        take_int(x, HSR_F_IP6_NXT, 0, 255, &f->ip_proto);
    /* The outer header decides; without one (or an IPv6 extension header
     * first), the transport fields that are present do. */
    int p = f->ip_proto;
    if (p != 6 && p != 17 && p != 1 && p != 58) {
        int q = present(x, HSR_F_TCP_DPORT)    ? 6
                : present(x, HSR_F_UDP_DPORT)  ? 17
                : present(x, HSR_F_ICMP_TYPE)  ? 1
                : present(x, HSR_F_ICMP6_TYPE) ? 58
                                               : -1;
        if (q >= 0)
            f->ip_proto = q;
    }
    if (f->ip_proto == 6) {
        take_int(x, HSR_F_TCP_DPORT, 0, 65535, &f->dport);
        take_int(x, HSR_F_TCP_SYN, 0, 1, &f->syn);
        take_int(x, HSR_F_TCP_ACK, 0, 1, &f->ack);
        if (f->syn < 0 || f->ack < 0) {
            int flags = -1;
            take_int(x, HSR_F_TCP_FLAGS, 0, 0xFFF, &flags);
            if (flags >= 0 && f->syn < 0)
                f->syn = (flags & 0x02) != 0;
            if (flags >= 0 && f->ack < 0)
                f->ack = (flags & 0x10) != 0;
        }
    } else if (f->ip_proto == 17) {
        take_int(x, HSR_F_UDP_DPORT, 0, 65535, &f->dport);
    } else if (f->ip_proto == 1) {
        take_int(x, HSR_F_ICMP_TYPE, 0, 255, &f->icmp_type);
    } else if (f->ip_proto == 58) {
        take_int(x, HSR_F_ICMP6_TYPE, 0, 255, &f->icmp_type);
    }
}

/* The highest of a grade field's values, 0 when absent or unreadable. */
static void read_grade(const filler_t *x, int id, int *dst)
{
    if (!present(x, id))
        return;
    int g = x->src->grade(x->ctx, id);
    *dst = g > 0 ? g : 0;
    count_bad(x->f, g == 0 ? -1 : g < 0 ? HSR_TOO_BIG : 1);
}

/* Each family's grade, and what names the attack: the first rce.exploit
 * and shellshock.cve (a request matching two exploits counts once, under
 * the first). */
static void read_attempts(const filler_t *x)
{
    read_grade(x, HSR_F_GRADE, &x->f->grade);
    read_grade(x, HSR_F_RCE_GRADE, &x->f->rce_grade);
    if (x->f->rce_grade)
        take_str(x, HSR_F_RCE_EXPLOIT, &x->f->exploit);
    if (x->f->grade)
        take_str(x, HSR_F_SS_CVE, &x->f->cve);
}

static void read_source_info(const filler_t *x)
{
    hsr_frame_t *f = x->f;
    if (present(x, HSR_F_ASN)) {
        int64_t asn;
        int r = x->src->integer(x->ctx, HSR_F_ASN, 0, UINT32_MAX, &asn);
        if (r > 0) {
            f->has_asn = 1;
            f->asn = (uint32_t)asn;
        }
        count_bad(f, r == 0 ? -1 : r); /* present but empty */
    }
    take_str(x, HSR_F_AS_ORG, &f->as_org);
    take_str(x, HSR_F_COUNTRY, &f->country);
    take_str(x, HSR_F_COUNTRY_NAME, &f->country_name);
    take_str(x, HSR_F_DB_DATE, &f->db_date);
    f->has_os_field = present(x, HSR_F_OS) != 0;
    take_str(x, HSR_F_OS, &f->os);
    take_str(x, HSR_F_OS_CLASS, &f->os_class);
}

void frame_record_fill(const hsr_source_t *src, void *ctx, hsr_frame_t *f)
{
    memset(f, 0, sizeof(*f));
    f->ip_proto = f->dport = f->syn = f->ack = f->icmp_type = -1;
    filler_t x = {src, ctx, f};
    read_time(&x);
    take_addr(&x, HSR_F_IP_SRC, HSR_F_IP6_SRC, f->src);
    take_addr(&x, HSR_F_IP_DST, HSR_F_IP6_DST, f->dst);
    read_transport(&x);
    read_attempts(&x);
    read_source_info(&x);
}
