/*
 * pcapw.h - writes classic libpcap files of synthetic Ethernet/IP packets.
 *
 * Used by hs-gencap to build the captures that tests, the demo and the
 * benchmarks run through the real tshark: the project ships no capture.
 */
#ifndef PCAPW_H
#define PCAPW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    bool v6;
    uint8_t addr[16]; /* IPv4 in the first 4 bytes */
    uint16_t port;
} pw_endpoint_t;

/* How an IP/TCP header is shaped (for OS fingerprints); zero = defaults. */
typedef struct {
    uint8_t ttl;          /* 0: 64 */
    bool df;              /* IPv4 don't-fragment */
    uint16_t ip_id;       /* IPv4 identification */
    uint16_t window;      /* 0: 29200 */
    const uint8_t *opts;  /* raw TCP options, padded by the writer */
    size_t opts_len;
    uint32_t flow;        /* IPv6 flow label */
    uint8_t tos;          /* IPv4 TOS / IPv6 traffic class */
    uint16_t urg;         /* urgent pointer */
    uint32_t ack_override; /* ack number for SYNs (quirks), if has_ack_override */
    bool has_ack_override;
    uint8_t tcp_res;      /* low bits of the TCP data-offset byte (NS, reserved) */
    uint16_t ip_frag;     /* IPv4 flags/offset bits OR-ed in: 0x8000 reserved, 0x2000 MF */
    const uint8_t *ip_opts; /* raw IPv4 options, padded by the writer (at most 40) */
    size_t ip_opts_len;
} pw_shape_t;

typedef struct {
    FILE *f;
    uint64_t frames;
} pw_writer_t;

/* Opens path ("-" = stdout) and writes the pcap header; false on error. */
bool pw_open(pw_writer_t *w, const char *path);
bool pw_close(pw_writer_t *w);

enum { PW_FIN = 0x01, PW_SYN = 0x02, PW_RST = 0x04, PW_PSH = 0x08, PW_ACK = 0x10, PW_URG = 0x20 };

/* One TCP segment from src to dst. */
bool pw_tcp(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
            uint8_t flags, uint32_t seq, uint32_t ack, const pw_shape_t *shape,
            const uint8_t *data, size_t len);
bool pw_udp(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
            const uint8_t *data, size_t len);
/* ICMP(v6) echo request (reply = false) or reply. */
bool pw_icmp_echo(pw_writer_t *w, double t, const pw_endpoint_t *src, const pw_endpoint_t *dst,
                  bool reply, uint16_t id, uint16_t seq);

/* Parses "1.2.3.4:80", "[2001:db8::1]:80", "1.2.3.4" or "2001:db8::1" (port 0). */
bool pw_parse_endpoint(const char *text, pw_endpoint_t *ep);

#endif /* PCAPW_H */
