/*
 * packet-os.c - passive OS fingerprinting: src.os, src.os_class and
 * src.os_match on TCP SYN and SYN+ACK packets, from p0f v3 signatures.
 *
 * A part of the `src` protocol: packet-src.c registers it (hs_os_register)
 * with src's protocol, preferences and expert module, and its fields live
 * under src.  It runs in honeyshark's one postdissector (the transum
 * pattern), after src.  It wants the ip and ipv6 protocol items on the
 * first pass (so Wireshark builds a tree and does not fake those items,
 * as 4.6 does for protocols nobody asked for) and finds the one IP header
 * of each frame from the ip or ipv6 item at the top of the tree.  On a SYN or SYN+ACK (anything
 * else costs a look at one flags byte) it notes, with the frame, where
 * the header is and, for a SYN+ACK, the MSS of the SYN it answers; every
 * pass hands the raw bytes of that header and the TCP header after it to
 * the pure-C p0f module (p0f/p0f.h), which answers as p0f 3.09b would.
 * So one pass, tshark -2 and the GUI clicking packets in any order give
 * the same fields, whatever is asked for.
 *
 * The fingerprint file is the src.p0f_file preference (Debian's p0f
 * package installs /etc/p0f/p0f.fp).  It is read when the fields are
 * first wanted, and again only after the preference changes.  A file that
 * cannot be used is one warning (report_warning: stderr in tshark, a
 * dialog in the GUI) plus expert info on the capture's first SYN; lines of
 * the file that cannot be used are one summary warning naming the first
 * few.
 */
#define WS_LOG_DOMAIN "honeyshark"

#include <errno.h>

#include <wireshark.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <wsutil/report_message.h>

#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_src.h"
#include "p0f.h"

/* The `src` protocol, given by packet-src.c. */
static int proto_os = -1;

static int hf_os = -1;
static int hf_os_class = -1;
static int hf_os_match = -1;
static int hf_os_dist = -1;
static int hf_os_sig = -1;

static gint ett_os = -1;

static expert_field ei_os_no_file = EI_INIT;


/* The IP layers, looked up by name in the handoff. */
static int proto_ip = -1;
static int proto_ipv6 = -1;

/* Frame data key (under proto_os): an os_frame_t, kept from the first pass. */
#define OS_PDATA_FRAME 0x70f0

#define DEFAULT_P0F_FILE "/etc/p0f/p0f.fp"

/* How many messages about bad lines the summary warning quotes. */
#define OS_QUOTED_MSGS 3

static const char *pref_p0f_file = DEFAULT_P0F_FILE;

static struct {
    gboolean on;          /* the preference names a file: fingerprinting on */
    p0f_db_t *db;
    char *loaded;         /* the preference value db (or its failure) is for */
    gboolean dirty;       /* (re)load before the next use */
    char *problem;        /* why the file cannot be used, g_malloc'd */
    guint32 first_syn;    /* the first SYN or SYN+ACK of the first pass; 0 = none yet */
    p0f_peer_t *peer;     /* SYNs' MSS for their SYN+ACKs, per capture file */
} os = {.dirty = TRUE};

/* The state tap's view (hs_os_fields): what src.os and src.os_class hold
 * for the packet just dissected, matched while the tap wants them even
 * when no field is asked for. */
static gboolean tap_wants;
static struct {
    guint32 frame; /* 0: none */
    const char *label, *os_class;
} last_match;

/* ---- the fingerprint file ---- */

static void load_file(void)
{
    p0f_msgs_t *msgs = g_new0(p0f_msgs_t, 1);
    const char *path = pref_p0f_file ? pref_p0f_file : "";

    p0f_db_free(os.db);
    os.db = NULL;
    g_free(os.problem);
    os.problem = NULL;
    g_free(os.loaded);
    os.loaded = g_strdup(path);
    os.dirty = FALSE;

    if (!*path) {
        g_free(msgs);
        return; /* fingerprinting switched off: nothing to say */
    }
    errno = 0;
    p0f_status_t st = p0f_db_load_file(path, &os.db, msgs);
    int why = st == P0F_ERR_OPEN || st == P0F_ERR_READ ? errno : 0; /* fopen's, fread's */
    if (st != P0F_OK) {
        os.problem = g_strdup_printf(
            "p0f fingerprint file \"%s\": %s%s%s; src.os fields are left out (install p0f, "
            "or set the src.p0f_file preference: tshark -o src.p0f_file:FILE)",
            path, p0f_strerror(st), why ? ": " : "", why ? g_strerror(why) : "");
        report_warning("honeyshark: %s", os.problem);
    } else {
        ws_info("p0f: %zu SYN and %zu SYN+ACK signatures from %s",
                p0f_db_sig_count(os.db, P0F_DIR_SYN), p0f_db_sig_count(os.db, P0F_DIR_SYNACK),
                path);
    }
    if (msgs->total) {
        GString *s = g_string_new(NULL);
        g_string_printf(s, "%u line%s of the p0f fingerprint file \"%s\" could not be used and "
                        "%s skipped",
                        msgs->total, msgs->total == 1 ? "" : "s", path,
                        msgs->total == 1 ? "was" : "were");
        for (unsigned i = 0; i < msgs->kept && i < OS_QUOTED_MSGS; i++)
            g_string_append_printf(s, "%s %s", i ? ";" : ":", msgs->text[i]);
        if (msgs->total > OS_QUOTED_MSGS)
            g_string_append(s, "; ...");
        report_warning("honeyshark: %s", s->str);
        g_string_free(s, TRUE);
    }
    g_free(msgs);
}

/* ---- per packet ---- */

/* Whether the IP header at p (n bytes) carries a TCP SYN or SYN+ACK, by
 * its flags byte (of SYN, ACK, FIN and RST, as p0f looks). */
static gboolean is_syn(const guint8 *p, gint n)
{
    gint tcp;
    if ((p[0] >> 4) == 4) {
        if (n < 20 || p[9] != 6)
            return FALSE;
        tcp = (p[0] & 0x0f) * 4;
    } else if ((p[0] >> 4) == 6) {
        if (n < 40 || p[6] != 6)
            return FALSE;
        tcp = 40;
    } else {
        return FALSE;
    }
    if (n <= tcp + 13)
        return FALSE;
    guint8 f = p[tcp + 13] & 0x17;
    return f == 0x02 || f == 0x12;
}

/* The IP header's offset in the frame: the one ip or ipv6 layer the IP
 * dissectors put at the top of the tree (built because os_want() asks for
 * them); FALSE when there is none, or several
 * (a tunnel: p0f, too, reads the outermost header only; a header an ICMP
 * error quotes lies inside the icmp item), or it lies in another data
 * source than the frame (reassembled, decrypted: not found again on later
 * passes). */
static gboolean ip_header(tvbuff_t *frame, proto_tree *tree, gint *start)
{
    const field_info *ip = NULL;
    for (proto_node *n = tree->first_child; n; n = n->next) {
        const field_info *fi = PNODE_FINFO(n);
        if (!fi || !fi->hfinfo || (fi->hfinfo->id != proto_ip && fi->hfinfo->id != proto_ipv6))
            continue;
        if (ip)
            return FALSE;
        ip = fi;
    }
    if (!ip || ip->ds_tvb != frame || ip->start < 0)
        return FALSE;
    *start = ip->start;
    return TRUE;
}

/* What the first pass notes for a SYN or SYN+ACK, for every pass. */
typedef struct {
    gint start;      /* the IP header's offset in the frame */
    guint16 syn_mss; /* a SYN+ACK's peer MSS (0: unknown) */
} os_frame_t;

/* The first pass, for every packet whatever is asked for (tshark -2 and
 * the GUI's first read too): finds SYNs and SYN+ACKs, notes each SYN's
 * MSS in a fixed table (p0f_peer.c) and keeps, with the frame, where its
 * header is and, for a SYN+ACK, the MSS of the SYN it answers.  Any other
 * packet costs a walk over the protocols at the top of the tree and a look
 * at one flags byte. */
static const os_frame_t *note_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    p0f_packet_t *pk)
{
    gint start;
    if (!tree || !ip_header(tvb, tree, &start))
        return NULL;
    gint avail = tvb_captured_length_remaining(tvb, start);
    if (avail < 20)
        return NULL;
    /* The headers only: p0f_packet_parse reads no further. */
    const guint8 *bytes = tvb_get_ptr(tvb, start, MIN(avail, P0F_MAX_HDR_BYTES));
    if (!is_syn(bytes, MIN(avail, P0F_MAX_HDR_BYTES)) ||
        p0f_packet_parse(bytes, (size_t)avail, pk) != P0F_OK)
        return NULL;
    p0f_dir_t dir;
    if (!p0f_packet_dir(pk, &dir))
        return NULL;
    if (!os.peer && !(os.peer = p0f_peer_new()))
        return NULL;
    os_frame_t *rec = wmem_new(wmem_file_scope(), os_frame_t);
    rec->start = start;
    rec->syn_mss = 0;
    if (dir == P0F_DIR_SYN)
        p0f_peer_note(os.peer, pk);
    else
        rec->syn_mss = p0f_peer_syn_mss(os.peer, pk);
    p_add_proto_data(wmem_file_scope(), pinfo, proto_os, OS_PDATA_FRAME, rec);
    if (!os.first_syn)
        os.first_syn = pinfo->num;
    return rec;
}

/* The `src` item packet-src.c added to this tree, if any. */
static proto_item *existing_src_item(proto_tree *tree)
{
    for (proto_node *n = tree->first_child; n; n = n->next) {
        field_info *fi = PNODE_FINFO(n);
        if (fi && fi->hfinfo && fi->hfinfo->id == proto_os)
            return (proto_item *)n;
    }
    return NULL;
}

static gboolean fields_wanted(proto_tree *tree)
{
    return proto_field_is_referenced(tree, hf_os) || proto_field_is_referenced(tree, hf_os_class) ||
           proto_field_is_referenced(tree, hf_os_match) ||
           proto_field_is_referenced(tree, hf_os_dist) ||
           proto_field_is_referenced(tree, hf_os_sig) ||
           proto_field_is_referenced(tree, ei_os_no_file.hf);
}

static int dissect_os(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    p0f_packet_t pk;
    const os_frame_t *rec;

    last_match.frame = 0;
    if (!os.on)
        return 0;
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!(rec = note_frame(tvb, pinfo, tree, &pk)))
            return 0;
    } else {
        /* Later passes (tshark -2, the GUI in any order) are not asked for
         * a tree: what the first pass noted says where the header is. */
        rec = (const os_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_os,
                                                   OS_PDATA_FRAME);
        if (!rec || !tree)
            return 0;
        gint avail = tvb_captured_length_remaining(tvb, rec->start);
        if (avail < 20 ||
            p0f_packet_parse(tvb_get_ptr(tvb, rec->start, MIN(avail, P0F_MAX_HDR_BYTES)),
                             (size_t)avail, &pk) != P0F_OK)
            return 0;
    }
    /* The file is read when the fields (or the expert info saying it
     * cannot be) are first wanted: no warning for users who never ask. */
    gboolean wanted = fields_wanted(tree);
    if (!wanted && !tap_wants)
        return 0;
    if (os.dirty)
        load_file();
    if (!os.db) {
        /* The problem as expert info on the capture's first SYN. */
        if (os.problem && os.first_syn == pinfo->num) {
            proto_item *ti = proto_tree_add_item(tree, proto_os, tvb, 0, 0, ENC_NA);
            expert_add_info_format(pinfo, ti, &ei_os_no_file, "%s", os.problem);
        }
        return 0;
    }

    p0f_result_t res;
    if (p0f_match(os.db, &pk, rec->syn_mss, &res) != P0F_OK)
        return 0;
    if (res.kind != P0F_MATCH_NONE) {
        last_match.frame = pinfo->num;
        last_match.label = res.label;
        last_match.os_class = res.app ? "app" : res.os_class;
    }
    if (!wanted)
        return 0;

    /* Under the src item when packet-src.c made one, else a new one; the
     * items point at the IP and TCP headers that were fingerprinted. */
    gint start = rec->start;
    gint len = MIN((gint)pk.tot_hdr, tvb_captured_length_remaining(tvb, start));
    proto_item *ti = existing_src_item(tree);
    if (!ti) {
        ti = proto_tree_add_item(tree, proto_os, tvb, start, len, ENC_NA);
        proto_item_set_generated(ti);
    }
    proto_tree *st = proto_item_get_subtree(ti);
    if (!st)
        st = proto_item_add_subtree(ti, ett_os);
    proto_item *it;
    if (res.kind != P0F_MATCH_NONE) {
        it = proto_tree_add_string(st, hf_os, tvb, start, len, res.label);
        proto_item_set_generated(it);
        it = proto_tree_add_string(st, hf_os_class, tvb, start, len, last_match.os_class);
        proto_item_set_generated(it);
        it = proto_tree_add_string(st, hf_os_match, tvb, start, len, p0f_match_name(res.kind));
        proto_item_set_generated(it);
        proto_item_append_text(ti, ", %s: %s", res.app ? "App" : "OS", res.label);
    }
    it = proto_tree_add_uint(st, hf_os_dist, tvb, start, len, res.dist);
    proto_item_set_generated(it);
    if (proto_field_is_referenced(tree, hf_os_sig)) {
        char sig[P0F_SIG_TEXT_MAX];
        p0f_packet_format(&pk, rec->syn_mss, sig, sizeof(sig));
        it = proto_tree_add_string(st, hf_os_sig, tvb, start, len, sig);
        proto_item_set_generated(it);
    }
    return tvb_captured_length(tvb);
}

/* ---- lifetime ---- */

/* The ip and ipv6 items on the first pass while fingerprinting is on:
 * ip_header() reads them.  Wanting them makes Wireshark build a tree and
 * the items real (4.6 fakes protocol items that nothing references). */
static void os_want(void)
{
    GArray *wanted = NULL;
    if (os.on && proto_ip >= 0 && proto_ipv6 >= 0) {
        wanted = g_array_sized_new(FALSE, FALSE, (guint)sizeof(int), 2);
        g_array_append_val(wanted, proto_ip);
        g_array_append_val(wanted, proto_ipv6);
    }
    hs_postdissector_want(HS_PART_OS, wanted);
}

static void os_prefs_apply(void)
{
    os.on = pref_p0f_file && *pref_p0f_file;
    /* The preference changed since the file was read: read it again, when
     * first wanted. */
    if (g_strcmp0(pref_p0f_file ? pref_p0f_file : "", os.loaded) != 0)
        os.dirty = TRUE;
    os_want();
}

static void os_init(void)
{
    os_prefs_apply();
    /* A problem is shown again in the next file, on its first SYN. */
    os.first_syn = 0;
    p0f_peer_clear(os.peer);
}

static void os_shutdown(void)
{
    p0f_peer_free(os.peer);
    os.peer = NULL;
    p0f_db_free(os.db);
    os.db = NULL;
    g_free(os.loaded);
    os.loaded = NULL;
    g_free(os.problem);
    os.problem = NULL;
}

void hs_os_want_fields(gboolean want)
{
    tap_wants = want;
}

gboolean hs_os_fields(packet_info *pinfo, const char **label, const char **os_class)
{
    if (!last_match.frame || last_match.frame != pinfo->num)
        return FALSE;
    *label = last_match.label;
    *os_class = last_match.os_class;
    return TRUE;
}

void hs_os_prefs_apply(void)
{
    os_prefs_apply();
}

void hs_os_register(int proto, module_t *prefs, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        {&hf_os,
         {"OS", "src.os", FT_STRING, BASE_NONE, NULL, 0x0,
          "Operating system (or tool) of the source, from its TCP SYN or SYN+ACK and a p0f v3 "
          "signature: p0f's name and flavor",
          HFILL}},
        {&hf_os_class, {"OS class", "src.os_class", FT_STRING, BASE_NONE, NULL, 0x0,
                        "Class of the matching p0f signature: unix, win, other (as the file's "
                        "classes line names them), or app for a tool such as NMap",
                        HFILL}},
        {&hf_os_match, {"OS match", "src.os_match", FT_STRING, BASE_NONE, NULL, 0x0,
                        "How the p0f signature matched: exact, fuzzy (TTL or quirks differ) or "
                        "generic (a last-resort signature)",
                        HFILL}},
        {&hf_os_dist, {"OS distance", "src.os_dist", FT_UINT8, BASE_DEC, NULL, 0x0,
                       "Hops from the source, from the TTL (p0f's dist)", HFILL}},
        {&hf_os_sig, {"OS signature", "src.os_sig", FT_STRING, BASE_NONE, NULL, 0x0,
                      "The packet's p0f signature (p0f's raw_sig), to add unknown systems to "
                      "p0f.fp",
                      HFILL}},
    };
    static gint *ett[] = {&ett_os};
    static ei_register_info ei[] = {
        {&ei_os_no_file,
         {"src.os_no_file", PI_UNDECODED, PI_WARN, "The p0f fingerprint file cannot be used",
          EXPFILL}},
    };

    proto_os = proto;
    proto_register_field_array(proto_os, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));

    /* Its change is noticed by hs_os_prefs_apply(), which src's callback
     * calls, and by the init routine that the redissection runs. */
    prefs_register_filename_preference(
        prefs, "p0f_file", "p0f fingerprint file",
        "p0f v3 fingerprint file (p0f.fp) whose [tcp:request] and [tcp:response] signatures "
        "give src.os on SYN and SYN+ACK packets; Debian's p0f package installs "
        DEFAULT_P0F_FILE ". Empty: no OS fingerprinting.",
        &pref_p0f_file, FALSE);

    hs_postdissector_add(HS_PART_OS, proto_os, dissect_os);
    register_init_routine(os_init);
    register_shutdown_routine(os_shutdown);
}

void hs_os_handoff(void)
{
    proto_ip = proto_get_id_by_filter_name("ip");
    proto_ipv6 = proto_get_id_by_filter_name("ipv6");
    os_want();
}
