/*
 * hs-gencap.c - builds the captures that tests, the demo and benchmarks use.
 *
 *   hs-gencap [-l LIST] OUT.pcap < script     packets described by a script
 *   hs-gencap bench [options] OUT.pcap        a large honeypot-like capture
 *   hs-gencap flood KIND BYTES OUT.pcap       a hostile capture of about BYTES
 *                                             (KIND: telnet-lines, telnet-partial,
 *                                             http-headers, http-payloads)
 *
 * Script lines (one per line, '#' starts a comment):
 *   time T                 set the clock to T (epoch seconds)
 *   step S                 seconds between packets (default 0.001)
 *   wait S                 advance the clock by S seconds
 *   tcp CLIENT SERVER [nohandshake]
 *                          start a TCP conversation (SYN, SYN+ACK, ACK)
 *   c STR...  /  s STR...  a client / server data segment on it (PSH+ACK)
 *   close                  FIN+ACK both ways, then ACK
 *   syn CLIENT SERVER [synack] [ttl=N] [win=N] [df] [id=N] [opts=LIST] [KNOB...] [STR...]
 *                          a lone SYN (or SYN+ACK), STR its payload; LIST:
 *                          mss:N, ws:N, sok, sack (10 bytes), ts[:T1[:T2]], nop, eol,
 *                          opt:KIND:LEN (an option of LEN bytes), hex:BYTES (raw);
 *                          options are padded with zeros to a multiple of 4.
 *                          KNOBs (OS fingerprints): seq=N ack=N urg=N (pointer)
 *                          flags=urg,psh,ece,cwr,ns,fin,rst (added to SYN)
 *                          tos=N (IPv4 TOS / IPv6 traffic class, ECN bits
 *                          included) flow=N (IPv6) mbz (IPv4 reserved flag)
 *                          mf (IPv4 more-fragments) ipopts=N (N bytes of IPv4
 *                          NOP options)
 *   udp SRC DST STR...     one UDP datagram
 *   icmp SRC DST [reply]   one ICMP / ICMPv6 echo request (or reply)
 * Endpoints: 192.0.2.1:80, [2001:db8::1]:80.  STR is "text" with C escapes
 * (\r \n \t \0 \\ \" \xHH), optionally followed by *N to repeat it;
 * several STR are joined.  A line may end with a label, @name.  With -l,
 * each frame's number, script line number, label (or -) and script line go
 * to LIST, tab-separated, so tests can name the frames they check.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapw.h"

#define MAX_SEGMENT 1400u

typedef struct {
    pw_endpoint_t cli, srv;
    uint32_t cseq, sseq;
    bool open;
} conv_t;

typedef struct {
    pw_writer_t w;
    FILE *list;
    double now, step;
    conv_t conv;
    unsigned lineno;
    const char *line;
    const char *label;
} gen_t;

typedef struct {
    uint8_t *data;
    size_t len, cap;
} buf_t;

static void die(const gen_t *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "hs-gencap: line %u: ", g ? g->lineno : 0);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void buf_put(buf_t *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        b->data = realloc(b->data, cap);
        if (!b->data) {
            fprintf(stderr, "hs-gencap: out of memory\n");
            exit(2);
        }
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses STR... starting at *pp into out. */
static void parse_strings(gen_t *g, const char **pp, buf_t *out)
{
    const char *p = *pp;
    out->len = 0;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '"')
            break;
        buf_t one = {0};
        p++;
        while (*p && *p != '"') {
            uint8_t c = (uint8_t)*p++;
            if (c == '\\') {
                char e = *p++;
                switch (e) {
                case 'r': c = '\r'; break;
                case 'n': c = '\n'; break;
                case 't': c = '\t'; break;
                case '0': c = 0; break;
                case '\\': c = '\\'; break;
                case '"': c = '"'; break;
                case 'x':
                    if (hexval(p[0]) < 0 || hexval(p[1]) < 0)
                        die(g, "bad \\x escape");
                    c = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
                    p += 2;
                    break;
                default:
                    die(g, "unknown escape \\%c", e ? e : '0');
                }
            }
            buf_put(&one, &c, 1);
        }
        if (*p != '"')
            die(g, "unterminated string");
        p++;
        unsigned long times = 1;
        if (*p == '*') {
            char *end;
            times = strtoul(p + 1, &end, 10);
            if (end == p + 1 || times > 100000000ul)
                die(g, "bad repeat count");
            p = end;
        }
        for (unsigned long i = 0; i < times; i++)
            buf_put(out, one.data, one.len);
        free(one.data);
    }
    *pp = p;
}

/* Next blank-separated word of *pp into w (size n); false at end of line. */
static bool next_word(const char **pp, char *w, size_t n)
{
    const char *p = *pp;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p || *p == '"' || *p == '#')
        return false;
    size_t i = 0;
    while (*p && *p != ' ' && *p != '\t') {
        if (i + 1 < n)
            w[i++] = *p;
        p++;
    }
    w[i] = '\0';
    *pp = p;
    return true;
}

static void endpoint(gen_t *g, const char **pp, pw_endpoint_t *ep)
{
    char w[128];
    if (!next_word(pp, w, sizeof(w)) || !pw_parse_endpoint(w, ep))
        die(g, "expected an address[:port], got '%s'", w);
}

static void emit_note(gen_t *g)
{
    if (g->list)
        fprintf(g->list, "%llu\t%u\t%s\t%s\n", (unsigned long long)g->w.frames, g->lineno,
                g->label ? g->label : "-", g->line);
}

static double tick(gen_t *g)
{
    double t = g->now;
    g->now += g->step;
    return t;
}

static void tcp_seg(gen_t *g, bool from_client, uint8_t flags, const uint8_t *d, size_t n,
                    const pw_shape_t *shape)
{
    conv_t *c = &g->conv;
    const pw_endpoint_t *src = from_client ? &c->cli : &c->srv;
    const pw_endpoint_t *dst = from_client ? &c->srv : &c->cli;
    uint32_t *seq = from_client ? &c->cseq : &c->sseq;
    uint32_t ack = from_client ? c->sseq : c->cseq;
    if (!pw_tcp(&g->w, tick(g), src, dst, flags, *seq, (flags & PW_ACK) ? ack : 0, shape, d, n))
        die(g, "cannot write packet: %s", strerror(errno));
    *seq += (uint32_t)n + ((flags & (PW_SYN | PW_FIN)) ? 1u : 0u);
    emit_note(g);
}

static void cmd_tcp(gen_t *g, const char *p)
{
    conv_t *c = &g->conv;
    endpoint(g, &p, &c->cli);
    endpoint(g, &p, &c->srv);
    if (c->cli.v6 != c->srv.v6)
        die(g, "client and server must both be IPv4 or both IPv6");
    c->cseq = 1000u + g->lineno * 7919u;
    c->sseq = 5000u + g->lineno * 104729u;
    c->open = true;
    char w[32];
    if (next_word(&p, w, sizeof(w)) && strcmp(w, "nohandshake") == 0)
        return;
    static const uint8_t mss[] = {2, 4, 0x05, 0xb4};
    pw_shape_t shape = {.opts = mss, .opts_len = sizeof(mss), .df = true};
    tcp_seg(g, true, PW_SYN, NULL, 0, &shape);
    tcp_seg(g, false, PW_SYN | PW_ACK, NULL, 0, &shape);
    tcp_seg(g, true, PW_ACK, NULL, 0, NULL);
}

static void cmd_data(gen_t *g, bool from_client, const char *p)
{
    if (!g->conv.open)
        die(g, "data without a tcp conversation");
    buf_t b = {0};
    parse_strings(g, &p, &b);
    size_t off = 0;
    do { /* long data goes out as several full segments */
        size_t n = b.len - off > MAX_SEGMENT ? MAX_SEGMENT : b.len - off;
        tcp_seg(g, from_client, PW_PSH | PW_ACK, b.data + off, n, NULL);
        off += n;
    } while (off < b.len);
    free(b.data);
}

static void cmd_close(gen_t *g)
{
    if (!g->conv.open)
        die(g, "close without a tcp conversation");
    tcp_seg(g, true, PW_FIN | PW_ACK, NULL, 0, NULL);
    tcp_seg(g, false, PW_FIN | PW_ACK, NULL, 0, NULL);
    tcp_seg(g, true, PW_ACK, NULL, 0, NULL);
    g->conv.open = false;
}

/* opts=mss:1460,sok,ts,nop,ws:7,eol -> raw TCP options. */
static size_t parse_opts(gen_t *g, const char *list, uint8_t *o, size_t cap)
{
    size_t n = 0;
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s", list);
    for (char *save, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        unsigned long v = 0, v2 = 0;
        char *colon = strchr(tok, ':'), *colon2 = NULL;
        if (colon) {
            *colon = '\0';
            colon2 = strchr(colon + 1, ':');
            v = strtoul(colon + 1, NULL, 0);
            if (colon2)
                v2 = strtoul(colon2 + 1, NULL, 0);
        }
        uint8_t one[40];
        size_t k = 0;
        if (strcmp(tok, "mss") == 0) {
            one[k++] = 2, one[k++] = 4, one[k++] = (uint8_t)(v >> 8), one[k++] = (uint8_t)v;
        } else if (strcmp(tok, "ws") == 0) {
            one[k++] = 3, one[k++] = 3, one[k++] = (uint8_t)v;
        } else if (strcmp(tok, "sok") == 0) {
            one[k++] = 4, one[k++] = 2;
        } else if (strcmp(tok, "sack") == 0) {
            one[k++] = 5, one[k++] = 10;
            memset(one + k, 0, 8), k += 8;
        } else if (strcmp(tok, "ts") == 0) {
            uint32_t t1 = colon ? (uint32_t)v : 12345678u, t2 = (uint32_t)v2;
            one[k++] = 8, one[k++] = 10;
            one[k++] = (uint8_t)(t1 >> 24), one[k++] = (uint8_t)(t1 >> 16);
            one[k++] = (uint8_t)(t1 >> 8), one[k++] = (uint8_t)t1;
            one[k++] = (uint8_t)(t2 >> 24), one[k++] = (uint8_t)(t2 >> 16);
            one[k++] = (uint8_t)(t2 >> 8), one[k++] = (uint8_t)t2;
        } else if (strcmp(tok, "nop") == 0) {
            one[k++] = 1;
        } else if (strcmp(tok, "eol") == 0) {
            one[k++] = 0;
        } else if (strcmp(tok, "opt") == 0) {
            if (!colon2 || v2 < 2 || v2 > sizeof(one))
                die(g, "opt:KIND:LEN needs 2 <= LEN <= 40");
            one[k++] = (uint8_t)v, one[k++] = (uint8_t)v2;
            memset(one + k, 0, v2 - 2), k += v2 - 2;
        } else if (strcmp(tok, "hex") == 0 && colon) {
            for (const char *h = colon + 1; h[0] && h[1]; h += 2) {
                if (hexval(h[0]) < 0 || hexval(h[1]) < 0 || k == sizeof(one))
                    die(g, "bad hex:BYTES option");
                one[k++] = (uint8_t)(hexval(h[0]) << 4 | hexval(h[1]));
            }
        } else {
            die(g, "unknown TCP option '%s'", tok);
        }
        if (n + k > cap)
            die(g, "TCP options longer than %zu bytes", cap);
        memcpy(o + n, one, k);
        n += k;
    }
    return n;
}

/* flags=urg,psh,ece,cwr,ns,fin,rst: TCP flags added to a SYN (ns sets the
 * NS bit of the data-offset byte). */
static uint8_t parse_flags(gen_t *g, const char *list, uint8_t *res)
{
    uint8_t f = 0;
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s", list);
    for (char *save, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "urg") == 0)
            f |= PW_URG;
        else if (strcmp(tok, "psh") == 0)
            f |= PW_PSH;
        else if (strcmp(tok, "ece") == 0)
            f |= 0x40;
        else if (strcmp(tok, "cwr") == 0)
            f |= 0x80;
        else if (strcmp(tok, "fin") == 0)
            f |= PW_FIN;
        else if (strcmp(tok, "rst") == 0)
            f |= PW_RST;
        else if (strcmp(tok, "ns") == 0)
            *res |= 0x01;
        else
            die(g, "unknown TCP flag '%s'", tok);
    }
    return f;
}

static void cmd_syn(gen_t *g, const char *p)
{
    pw_endpoint_t a, b;
    endpoint(g, &p, &a);
    endpoint(g, &p, &b);
    uint8_t opts[40], ipopts[40];
    pw_shape_t shape = {0};
    uint8_t flags = PW_SYN;
    uint32_t seq = 0x10000000u + g->lineno * 2654435761u, ack = 0;
    bool has_ack = false;
    char w[256];
    while (next_word(&p, w, sizeof(w))) {
        if (strcmp(w, "synack") == 0)
            flags |= PW_ACK;
        else if (strcmp(w, "df") == 0)
            shape.df = true;
        else if (strcmp(w, "mbz") == 0)
            shape.ip_frag |= 0x8000;
        else if (strcmp(w, "mf") == 0)
            shape.ip_frag |= 0x2000;
        else if (strncmp(w, "ttl=", 4) == 0)
            shape.ttl = (uint8_t)atoi(w + 4);
        else if (strncmp(w, "win=", 4) == 0)
            shape.window = (uint16_t)atoi(w + 4);
        else if (strncmp(w, "id=", 3) == 0)
            shape.ip_id = (uint16_t)atoi(w + 3);
        else if (strncmp(w, "seq=", 4) == 0)
            seq = (uint32_t)strtoul(w + 4, NULL, 0);
        else if (strncmp(w, "ack=", 4) == 0) {
            ack = (uint32_t)strtoul(w + 4, NULL, 0);
            has_ack = true;
        } else if (strncmp(w, "urg=", 4) == 0)
            shape.urg = (uint16_t)strtoul(w + 4, NULL, 0);
        else if (strncmp(w, "tos=", 4) == 0)
            shape.tos = (uint8_t)strtoul(w + 4, NULL, 0);
        else if (strncmp(w, "flow=", 5) == 0)
            shape.flow = (uint32_t)strtoul(w + 5, NULL, 0);
        else if (strncmp(w, "flags=", 6) == 0)
            flags |= parse_flags(g, w + 6, &shape.tcp_res);
        else if (strncmp(w, "ipopts=", 7) == 0) {
            unsigned long n = strtoul(w + 7, NULL, 10);
            if (n > sizeof(ipopts))
                die(g, "ipopts=N: at most 40 bytes");
            memset(ipopts, 1, n);
            shape.ip_opts = ipopts;
            shape.ip_opts_len = n;
        } else if (strncmp(w, "opts=", 5) == 0) {
            shape.opts_len = parse_opts(g, w + 5, opts, sizeof(opts));
            shape.opts = opts;
        } else
            die(g, "unknown syn option '%s'", w);
    }
    buf_t data = {0};
    parse_strings(g, &p, &data);
    if (has_ack) {
        shape.ack_override = ack;
        shape.has_ack_override = true;
    }
    if (!pw_tcp(&g->w, tick(g), &a, &b, flags, seq, (flags & PW_ACK) ? 1u : 0u, &shape, data.data,
                data.len))
        die(g, "cannot write packet");
    free(data.data);
    emit_note(g);
}

static void run_line(gen_t *g, char *line)
{
    char *hash = NULL;
    /* A '#' outside quotes starts a comment. */
    bool quoted = false;
    for (char *q = line; *q; q++) {
        if (*q == '\\' && quoted && q[1]) {
            q++;
            continue;
        }
        if (*q == '"')
            quoted = !quoted;
        else if (*q == '#' && !quoted) {
            hash = q;
            break;
        }
    }
    if (hash)
        *hash = '\0';
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
        line[--n] = '\0';
    /* A trailing "@name" (outside quotes: after the last quote) is a label. */
    g->label = NULL;
    char *at = strrchr(line, '@');
    char *lastq = strrchr(line, '"');
    if (at && (at == line || at[-1] == ' ' || at[-1] == '\t') && (!lastq || lastq < at) &&
        !strpbrk(at, " \t")) {
        g->label = at + 1;
        *at = '\0';
    }
    g->line = line;
    const char *p = line;
    char cmd[32];
    if (!next_word(&p, cmd, sizeof(cmd)))
        return;
    if (strcmp(cmd, "time") == 0)
        g->now = strtod(p, NULL);
    else if (strcmp(cmd, "step") == 0)
        g->step = strtod(p, NULL);
    else if (strcmp(cmd, "wait") == 0)
        g->now += strtod(p, NULL);
    else if (strcmp(cmd, "tcp") == 0)
        cmd_tcp(g, p);
    else if (strcmp(cmd, "c") == 0 || strcmp(cmd, "s") == 0)
        cmd_data(g, cmd[0] == 'c', p);
    else if (strcmp(cmd, "close") == 0)
        cmd_close(g);
    else if (strcmp(cmd, "syn") == 0)
        cmd_syn(g, p);
    else if (strcmp(cmd, "udp") == 0) {
        pw_endpoint_t a, b;
        endpoint(g, &p, &a);
        endpoint(g, &p, &b);
        buf_t d = {0};
        parse_strings(g, &p, &d);
        if (!pw_udp(&g->w, tick(g), &a, &b, d.data, d.len))
            die(g, "cannot write packet");
        emit_note(g);
        free(d.data);
    } else if (strcmp(cmd, "icmp") == 0) {
        pw_endpoint_t a, b;
        endpoint(g, &p, &a);
        endpoint(g, &p, &b);
        char w[16];
        bool reply = next_word(&p, w, sizeof(w)) && strcmp(w, "reply") == 0;
        if (!pw_icmp_echo(&g->w, tick(g), &a, &b, reply, 0x4853, (uint16_t)g->lineno))
            die(g, "cannot write packet");
        emit_note(g);
    } else
        die(g, "unknown command '%s'", cmd);
}

int hs_gencap_bench(int argc, char **argv);
int hs_gencap_flood(int argc, char **argv);

static int usage(FILE *f, int status)
{
    fputs("usage: hs-gencap [-l LIST] OUT.pcap < SCRIPT\n"
          "       hs-gencap bench [--frames N] [--sources N] [--networks N] [--seed N]\n"
          "                       [--networks-out FILE] [--scans-only] OUT.pcap\n"
          "       hs-gencap flood telnet-lines|telnet-partial|http-headers|http-payloads\n"
          "                       BYTES OUT.pcap\n"
          "The script language is described at the top of tests/tools/hs-gencap.c.\n",
          f);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "bench") == 0)
        return hs_gencap_bench(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "flood") == 0)
        return hs_gencap_flood(argc - 1, argv + 1);
    gen_t g = {.now = 1411776000.0, .step = 0.001};
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) {
            g.list = fopen(argv[++i], "w");
            if (!g.list) {
                perror(argv[i]);
                return 2;
            }
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            return usage(stdout, 0);
        } else if (!out) {
            out = argv[i];
        } else {
            return usage(stderr, 2);
        }
    }
    if (!out)
        return usage(stderr, 2);
    if (!pw_open(&g.w, out)) {
        perror(out);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        g.lineno++;
        run_line(&g, line);
    }
    free(line);
    if (g.list)
        fclose(g.list);
    if (!pw_close(&g.w)) {
        perror(out);
        return 2;
    }
    return 0;
}
