/*
 * packet-src.c - source attribution: AS and country of the packet's source.
 *
 * A postdissector (the transum pattern): it asks for ip.src and ipv6.src,
 * takes the outermost IP header's source, and adds src.asn, src.as_org,
 * src.country, src.country_name and src.net from MaxMind-format databases
 * (GeoLite2, DB-IP, IPinfo), looked up in process with libmaxminddb through
 * the pure-C geo module (geo/geo.h).  Answers are cached per address for the
 * life of the capture file, so a packet from a known source costs a hash
 * probe.  The databases are opened once: when the first capture file is
 * opened, and again only after the preferences (or Wireshark's MaxMind
 * folders) change.
 *
 * Problems with a database are said once: report_warning() when a database
 * named in the preferences cannot be used (tshark prints it on stderr, the
 * GUI shows it), a log warning when no database was found at all and a src
 * field is wanted, and expert info on the one frame where it was noticed.
 */
#define WS_LOG_DOMAIN "honeyshark"

#include <wireshark.h>

#include <epan/expert.h>
#include <epan/maxmind_db.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <wsutil/report_message.h>

#include "geo.h"
#include "hs_compat.h"
#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_src.h"

static int proto_src = -1;

static int hf_src_asn = -1;
static int hf_src_as_org = -1;
static int hf_src_country = -1;
static int hf_src_country_name = -1;
static int hf_src_net = -1;
/* src.db_date twice, one name per role, so that the label says which
 * database answered without formatting one per packet. */
static int hf_src_db_date[2] = {-1, -1};

static gint ett_src = -1;

static expert_field ei_src_db_unusable = EI_INIT;
static expert_field ei_src_no_db = EI_INIT;
static expert_field ei_src_db_error = EI_INIT;
static expert_field ei_src_db_before = EI_INIT;
static expert_field ei_src_db_far = EI_INIT;


/* Fields of other dissectors, looked up by name in the handoff. */
static int hf_ip_src = -1;
static int hf_ipv6_src = -1;
static int proto_ip = -1;
static int proto_ipv6 = -1;
static int proto_http = -1;
static int proto_telnet = -1;

/* Preferences. */
static const char *pref_asn_db = "";
static const char *pref_country_db = "";
static hs_pref_bool_t pref_http_telnet_only = FALSE;
static guint pref_db_max_days = 0; /* 0: never warn about a database's distance */

/* The folders searched when a database preference is empty. */
static const char *const system_dirs[] = {"/usr/share/GeoIP", "/var/lib/GeoIP"};

/* A problem to show as expert info on one frame. */
typedef struct {
    expert_field *ei;
    char *text;          /* g_malloc'd */
    guint32 frame;       /* 0 until the frame that shows it is chosen */
    geo_role_t role;
    gboolean logged;     /* written to the log (missing databases only) */
} src_notice_t;

#define SRC_MAX_NOTICES 8

static struct {
    gboolean dirty;          /* preferences changed: (re)open before use */
    char *searched_paths;    /* maxmind_db_get_paths() when last opened */
    geo_sources_t sources;
    geo_cache_t *cache;
    src_notice_t notices[SRC_MAX_NOTICES];
    guint n_notices;
    gboolean lookup_error_seen[2]; /* by geo_role_t, since the last open */
    char *search_list;       /* folders searched, for messages */
    size_t era_hint;         /* the era of the last packet */
} src = {.dirty = TRUE};

/* The outermost source of the packet being dissected, for hs_src_info()
 * (taps run right after their packet's dissection). */
static struct {
    guint32 frame; /* 0: none */
    geo_addr_t addr;
    size_t era;
} last_source;

void proto_register_src(void);
void proto_reg_handoff_src(void);

/* ---- notices ---- */

/* Takes text; returns the notice, or NULL when there are too many. */
static src_notice_t *add_notice(expert_field *ei, geo_role_t role, char *text)
{
    if (src.n_notices == SRC_MAX_NOTICES) {
        g_free(text);
        return NULL;
    }
    src_notice_t *n = &src.notices[src.n_notices++];
    n->ei = ei;
    n->text = text;
    n->frame = 0;
    n->role = role;
    n->logged = FALSE;
    return n;
}

static void clear_notices(void)
{
    for (guint i = 0; i < src.n_notices; i++)
        g_free(src.notices[i].text);
    src.n_notices = 0;
}

static const char *pref_name(geo_role_t role)
{
    return role == GEO_ROLE_ASN ? "src.asn_db" : "src.country_db";
}

/* geo_sources_open() calls this once per problem with a database. */
static void open_problem(void *user _U_, geo_role_t role, geo_status_t status _U_,
                         const char *message)
{
    char *text = g_strdup_printf("%s; src.%s fields are left out "
                                 "(check the %s preference)",
                                 message, role == GEO_ROLE_ASN ? "asn/src.as_org" :
                                                                 "country/src.country_name",
                                 pref_name(role));
    report_warning("honeyshark: %s", text);
    add_notice(&ei_src_db_unusable, role, text);
}

/* ---- opening ---- */

/* Folders to search: Wireshark's MaxMind folders (its "maxmind_db_paths"
 * setting) first, then the system ones. */
static GPtrArray *search_dirs(const char *ws_paths)
{
    GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
    gchar **parts = g_strsplit(ws_paths ? ws_paths : "", G_SEARCHPATH_SEPARATOR_S, -1);
    for (gchar **p = parts; *p; p++) {
        gboolean system = FALSE;
        if (!**p)
            continue;
        for (size_t i = 0; i < G_N_ELEMENTS(system_dirs); i++)
            system = system || g_strcmp0(*p, system_dirs[i]) == 0;
        if (!system && dirs->len < GEO_SEARCH_DIRS_MAX - G_N_ELEMENTS(system_dirs))
            g_ptr_array_add(dirs, g_strdup(*p));
    }
    g_strfreev(parts);
    for (size_t i = 0; i < G_N_ELEMENTS(system_dirs); i++)
        g_ptr_array_add(dirs, g_strdup(system_dirs[i]));
    return dirs;
}

static void close_databases(void)
{
    geo_sources_close(&src.sources);
    clear_notices();
    src.lookup_error_seen[0] = src.lookup_error_seen[1] = FALSE;
    src.era_hint = 0;
    if (src.cache)
        geo_cache_clear(src.cache);
}

static void open_databases(const char *ws_paths)
{
    close_databases();
    GPtrArray *dirs = search_dirs(ws_paths);
    g_free(src.search_list);
    GString *list = g_string_new("");
    for (guint i = 0; i < dirs->len; i++)
        g_string_append_printf(list, "%s%s", i ? ", " : "", (const char *)dirs->pdata[i]);
    src.search_list = g_string_free(list, FALSE);

    geo_sources_open(&src.sources, pref_asn_db, pref_country_db,
                     (const char *const *)dirs->pdata, dirs->len, open_problem, NULL);
    g_ptr_array_free(dirs, TRUE);

    /* A role with nothing at all: said once, when its fields are wanted. */
    for (int r = 0; r < 2; r++) {
        geo_role_t role = (geo_role_t)r;
        const char *pref = role == GEO_ROLE_ASN ? pref_asn_db : pref_country_db;
        if (src.sources.db[r] || (pref && *pref))
            continue;
        const char *const *names = geo_default_names(role);
        GString *n = g_string_new("");
        for (size_t i = 0; names[i]; i++)
            g_string_append_printf(n, "%s%s", i ? ", " : "", names[i]);
        add_notice(&ei_src_no_db, role,
                   g_strdup_printf("no %s database: none of %s in %s; set the %s "
                                   "preference (tshark -o %s:FILE), or disable the src protocol",
                                   role == GEO_ROLE_ASN ? "AS" : "country", n->str,
                                   src.search_list, pref_name(role), pref_name(role)));
        g_string_free(n, TRUE);
    }
    for (int r = 0; r < 2; r++) {
        geo_db_t *db = src.sources.db[r];
        size_t n = src.sources.n_dated[r];
        if (db && src.sources.is_dated[r])
            ws_info("%s databases: %zu dated from %s to %s (%s, ...)",
                    r == GEO_ROLE_ASN ? "AS" : "country", n, src.sources.dated[r][0].text,
                    src.sources.dated[r][n - 1].text, geo_db_path(src.sources.dated[r][0].db));
        else if (db)
            ws_info("%s database %s (%s)", r == GEO_ROLE_ASN ? "AS" : "country",
                    geo_db_path(db), geo_db_type(db));
    }
    src.dirty = FALSE;
}

/* ---- per packet ---- */

/* Whether the packet has an HTTP or Telnet layer. */
static gboolean has_http_or_telnet(packet_info *pinfo)
{
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (id == proto_http || id == proto_telnet)
            return TRUE;
    }
    return FALSE;
}

/* Whether the outermost IP layer is IPv6 (only asked when both are present). */
static gboolean outermost_is_ipv6(packet_info *pinfo)
{
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (id == proto_ip)
            return FALSE;
        if (id == proto_ipv6)
            return TRUE;
    }
    return FALSE;
}

/* Where the source address lies, for the items to point at. */
typedef struct {
    tvbuff_t *tvb;
    gint start, len;
} src_place_t;

/* Outermost sources of frames with several IP headers (tunnels), kept from
 * the first pass: later passes are not primed with the wanted fields. */
static wmem_map_t *tunnel_sources;

static guint ip_layers(packet_info *pinfo)
{
    guint n = 0;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        n += id == proto_ip || id == proto_ipv6;
    }
    return n;
}

/* The source address of a later pass (the GUI drawing its packet list and
 * details, tshark -2), where Wireshark did not build the ip.src items for
 * us: pinfo's network source when the frame has one IP header, the address
 * kept from the first pass when it has several. */
static gboolean later_pass_source(packet_info *pinfo, tvbuff_t *tvb, geo_addr_t *addr,
                                  src_place_t *place)
{
    *place = (src_place_t){tvb, 0, 0};
    if (ip_layers(pinfo) > 1) {
        const geo_addr_t *kept =
            wmem_map_lookup(tunnel_sources, GUINT_TO_POINTER(pinfo->num));
        if (kept)
            *addr = *kept;
        return kept != NULL;
    }
    const address *a = &pinfo->net_src;
    if (a->type == AT_IPv4 && a->len == 4)
        geo_addr_from_ipv4(addr, a->data);
    else if (a->type == AT_IPv6 && a->len == 16)
        geo_addr_from_ipv6(addr, a->data);
    else
        return FALSE;
    return TRUE;
}

/* The outermost IP header's source address, and where it lies. */
static gboolean outermost_source(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb,
                                 geo_addr_t *addr, src_place_t *place)
{
    /* Only the first pass is primed with the wanted fields; what a later
     * pass's tree tracks depends on what else was asked for. */
    if (PINFO_FD_VISITED(pinfo))
        return later_pass_source(pinfo, tvb, addr, place);
    GPtrArray *v4 = hf_ip_src >= 0 ? proto_get_finfo_ptr_array(tree, hf_ip_src) : NULL;
    GPtrArray *v6 = hf_ipv6_src >= 0 ? proto_get_finfo_ptr_array(tree, hf_ipv6_src) : NULL;
    gboolean has4 = v4 && v4->len > 0, has6 = v6 && v6->len > 0;
    guint8 bytes[16];

    if (!has4 && !has6)
        return later_pass_source(pinfo, tvb, addr, place);
    gboolean use6 = has6 && (!has4 || outermost_is_ipv6(pinfo));
    field_info *fi = (field_info *)g_ptr_array_index(use6 ? v6 : v4, 0);
    gint len = use6 ? 16 : 4;
    if (!fi || !fi->ds_tvb || fi->length != len || !tvb_bytes_exist(fi->ds_tvb, fi->start, len))
        return FALSE;
    tvb_memcpy(fi->ds_tvb, bytes, fi->start, len);
    if (use6)
        geo_addr_from_ipv6(addr, bytes);
    else
        geo_addr_from_ipv4(addr, bytes);
    if (!PINFO_FD_VISITED(pinfo) && (v4 ? v4->len : 0) + (v6 ? v6->len : 0) > 1)
        wmem_map_insert(tunnel_sources, GUINT_TO_POINTER(pinfo->num),
                        wmem_memdup(wmem_file_scope(), addr, sizeof(*addr)));
    *place = (src_place_t){fi->ds_tvb, fi->start, fi->length};
    return TRUE;
}

/* The era of the databases in force at the packet's capture time. */
static size_t packet_era(packet_info *pinfo)
{
    src.era_hint = geo_sources_era(&src.sources, (int64_t)pinfo->abs_ts.secs, src.era_hint);
    return src.era_hint;
}

/* The answer for addr in era; a database error seen for the first time
 * becomes a notice for this frame (*notice set). */
static const geo_info_t *lookup(const geo_addr_t *addr, size_t era, packet_info *pinfo,
                                const src_notice_t **notice)
{
    const geo_info_t *info = geo_cache_find(src.cache, addr, (uint32_t)era);
    if (info)
        return info;

    geo_record_t rec;
    geo_role_t role = GEO_ROLE_ASN;
    geo_status_t st = geo_sources_lookup_era(&src.sources, era, addr, &rec, &role);
    if (st != GEO_OK && st != GEO_NOT_FOUND && !src.lookup_error_seen[role]) {
        const geo_db_t *db = src.sources.db[role];
        char *text = g_strdup_printf(
            "%s database \"%s\": %s (first seen in frame %u); "
            "affected fields are left out",
            role == GEO_ROLE_ASN ? "AS" : "country", db ? geo_db_path(db) : "?",
            geo_strerror(st), pinfo->num);
        src.lookup_error_seen[role] = TRUE;
        ws_log(WS_LOG_DOMAIN, LOG_LEVEL_WARNING, "%s", text);
        src_notice_t *n = add_notice(&ei_src_db_error, role, text);
        if (n) {
            n->frame = pinfo->num;
            *notice = n;
        }
    }
    return geo_cache_insert(src.cache, addr, (uint32_t)era, &rec);
}

/* The roles whose data the answer holds, as 1 << geo_role_t bits. */
static unsigned roles_answered(const geo_info_t *info)
{
    return ((info->have & (GEO_HAVE_ASN | GEO_HAVE_ORG)) ? 1u << GEO_ROLE_ASN : 0) |
           ((info->have & (GEO_HAVE_COUNTRY | GEO_HAVE_COUNTRY_NAME)) ? 1u << GEO_ROLE_COUNTRY
                                                                      : 0);
}

/* The roles of era whose src.db_date a packet shows: the AS database that
 * answered, and the country database that answered when it is another
 * file and either a dated series or the only one that answered (an undated
 * country database is the same for every packet: not worth an item each). */
static unsigned db_date_roles(const geo_era_t *e, const geo_info_t *info)
{
    const unsigned as = 1u << GEO_ROLE_ASN, cc = 1u << GEO_ROLE_COUNTRY;
    unsigned roles = roles_answered(info), shown = 0;
    if ((roles & as) && e->use[GEO_ROLE_ASN])
        shown |= as;
    if ((roles & cc) && e->use[GEO_ROLE_COUNTRY] &&
        (!shown || (src.sources.is_dated[GEO_ROLE_COUNTRY] &&
                    e->use[GEO_ROLE_COUNTRY]->db != e->use[GEO_ROLE_ASN]->db)))
        shown |= cc;
    return shown;
}

/* src.db_date (db_date_roles()), and the expert info when the packet is
 * older than every database of a dated series or further from a database
 * that answered than the src.db_max_days preference allows. */
static void add_db_dates(packet_info *pinfo, proto_tree *st, proto_item *ti, tvbuff_t *at,
                         gint start, gint len, size_t era, const geo_info_t *info)
{
    const geo_era_t *e = era < src.sources.n_eras ? &src.sources.eras[era] : NULL;
    if (!e)
        return;
    unsigned roles = roles_answered(info), shown = db_date_roles(e, info);
    char when[GEO_DATE_STRLEN] = "";
    for (int r = 0; r < 2; r++) {
        const geo_dated_t *d = e->use[r];
        if (!d || !(roles & (1u << r)))
            continue;
        if (shown & (1u << r))
            proto_item_set_generated(
                proto_tree_add_string(st, hf_src_db_date[r], at, start, len, d->text));
        if (r == GEO_ROLE_COUNTRY && (roles & 1u << GEO_ROLE_ASN) && e->use[GEO_ROLE_ASN] &&
            e->use[GEO_ROLE_ASN]->db == d->db)
            continue; /* one database for both: said once */
        int64_t days = ((int64_t)pinfo->abs_ts.secs - d->date) / 86400;
        int before = (e->before & (1u << r)) != 0;
        int far = pref_db_max_days > 0 && (days > (int64_t)pref_db_max_days ||
                                           -days > (int64_t)pref_db_max_days);
        if (!before && !far)
            continue;
        const char *kind = r == GEO_ROLE_ASN ? "AS" : "country";
        if (!when[0])
            geo_format_date((int64_t)pinfo->abs_ts.secs, when);
        if (before)
            expert_add_info_format(pinfo, ti, &ei_src_db_before,
                                   "The packet (%s) is older than every %s database; the "
                                   "oldest, of %s, was used",
                                   when, kind, d->text);
        else
            expert_add_info_format(pinfo, ti, &ei_src_db_far,
                                   "The %s database of %s is %" PRId64 " days from the packet "
                                   "(%s), more than src.db_max_days (%u)",
                                   kind, d->text, days < 0 ? -days : days, when, pref_db_max_days);
    }
}

/* Whether the fields of role are wanted in this tree (named by a filter or a
 * column, or the tree is shown in full: -V, -T fields/ek/json, the GUI). */
static gboolean role_wanted(proto_tree *tree, geo_role_t role)
{
    if (role == GEO_ROLE_ASN)
        return proto_field_is_referenced(tree, hf_src_asn) ||
               proto_field_is_referenced(tree, hf_src_as_org);
    return proto_field_is_referenced(tree, hf_src_country) ||
           proto_field_is_referenced(tree, hf_src_country_name);
}

/*
 * Adds the expert info of the notices that belong to this frame: the first
 * frame of the first pass, whatever is asked for, so that every pass and
 * every choice of fields show it on the same frame (a lookup error: the
 * frame where it was first seen).  "No database" is also logged once per
 * kind, on the first frame whose tree wants its fields.  (A visible tree,
 * as -T fields, -V and the GUI build, wants them all.)
 */
static void add_notices(packet_info *pinfo, proto_tree *tree, proto_item **ti, tvbuff_t *tvb)
{
    for (guint i = 0; i < src.n_notices; i++) {
        src_notice_t *n = &src.notices[i];
        if (n->frame == 0) {
            if (PINFO_FD_VISITED(pinfo))
                continue;
            n->frame = pinfo->num;
        }
        if (n->ei == &ei_src_no_db && !n->logged && tree && role_wanted(tree, n->role)) {
            ws_log(WS_LOG_DOMAIN, LOG_LEVEL_WARNING, "%s", n->text);
            n->logged = TRUE;
        }
        if (n->frame != pinfo->num || !tree)
            continue;
        if (!*ti)
            *ti = proto_tree_add_item(tree, proto_src, tvb, 0, 0, ENC_NA);
        expert_add_info_format(pinfo, *ti, n->ei, "%s", n->text);
    }
}

static int dissect_src(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    proto_item *ti = NULL;
    geo_addr_t addr;

    last_source.frame = 0;
    if (src.dirty)
        open_databases(src.searched_paths);
    if (src.n_notices)
        add_notices(pinfo, tree, &ti, tvb);
    if (!tree || (!src.sources.db[0] && !src.sources.db[1]))
        return 0;
    src_place_t where;
    gboolean found = outermost_source(pinfo, tree, tvb, &addr, &where);
    size_t era = found ? packet_era(pinfo) : 0;
    if (found) {
        /* Remembered for hs_src_info(), looked up only if it is called. */
        last_source.frame = pinfo->num;
        last_source.addr = addr;
        last_source.era = era;
    }
    if (!proto_field_is_referenced(tree, proto_src))
        return 0;
    if (!found || (pref_http_telnet_only && !has_http_or_telnet(pinfo)))
        return 0;

    const src_notice_t *notice = NULL;
    const geo_info_t *info = lookup(&addr, era, pinfo, &notice);
    if (notice) {
        if (!ti)
            ti = proto_tree_add_item(tree, proto_src, tvb, 0, 0, ENC_NA);
        expert_add_info_format(pinfo, ti, notice->ei, "%s", notice->text);
    }
    if (!info || !info->have)
        return 0;

    /* The items point at the source address bytes; the label comes ready
     * from the cache (one copy, not one formatting per field). */
    tvbuff_t *at = where.tvb;
    gint start = where.start, len = where.len;
    if (ti)
        proto_item_append_text(ti, ": %s", info->summary);
    else
        ti = proto_tree_add_protocol_format(tree, proto_src, at, start, len,
                                            "Source attribution: %s", info->summary);
    proto_item_set_generated(ti);
    proto_tree *st = proto_item_add_subtree(ti, ett_src);
    if (info->have & GEO_HAVE_ASN)
        proto_item_set_generated(proto_tree_add_uint(st, hf_src_asn, at, start, len, info->asn));
    const struct {
        unsigned have;
        int hf;
        const char *value;
    } strings[] = {
        {GEO_HAVE_ORG, hf_src_as_org, info->as_org},
        {GEO_HAVE_COUNTRY, hf_src_country, info->country},
        {GEO_HAVE_COUNTRY_NAME, hf_src_country_name, info->country_name},
        {GEO_HAVE_NET, hf_src_net, info->net},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(strings); i++) {
        if (info->have & strings[i].have)
            proto_item_set_generated(
                proto_tree_add_string(st, strings[i].hf, at, start, len, strings[i].value));
    }
    add_db_dates(pinfo, st, ti, at, start, len, era, info);
    return tvb_captured_length(tvb);
}

const hs_src_info_t *hs_src_info(packet_info *pinfo)
{
    static hs_src_info_t out;
    const src_notice_t *notice = NULL;
    if (!last_source.frame || last_source.frame != pinfo->num || !src.cache)
        return NULL;
    const geo_info_t *info = lookup(&last_source.addr, last_source.era, pinfo, &notice);
    if (!info || !(info->have & (GEO_HAVE_ASN | GEO_HAVE_COUNTRY)))
        return NULL;
    out.asn = (info->have & GEO_HAVE_ASN) ? info->asn : 0;
    g_strlcpy(out.country, (info->have & GEO_HAVE_COUNTRY) ? info->country : "",
              sizeof out.country);
    return &out;
}

const hs_src_fields_t *hs_src_fields(packet_info *pinfo)
{
    static hs_src_fields_t out;
    const src_notice_t *notice = NULL;
    /* dissect_src's conditions for adding the items */
    if (!last_source.frame || last_source.frame != pinfo->num || !src.cache ||
        (pref_http_telnet_only && !has_http_or_telnet(pinfo)))
        return NULL;
    const geo_info_t *info = lookup(&last_source.addr, last_source.era, pinfo, &notice);
    if (!info || !info->have)
        return NULL;
    out.has_asn = (info->have & GEO_HAVE_ASN) != 0;
    out.asn = info->asn;
    out.as_org = (info->have & GEO_HAVE_ORG) ? info->as_org : NULL;
    out.country = (info->have & GEO_HAVE_COUNTRY) ? info->country : NULL;
    out.country_name = (info->have & GEO_HAVE_COUNTRY_NAME) ? info->country_name : NULL;
    /* As add_db_dates() shows them in src.db_date. */
    const geo_era_t *e =
        last_source.era < src.sources.n_eras ? &src.sources.eras[last_source.era] : NULL;
    unsigned shown = e ? db_date_roles(e, info) : 0;
    out.n_db_dates = 0;
    for (int r = 0; r < 2; r++) {
        if (shown & (1u << r))
            out.db_dates[out.n_db_dates++] = e->use[r]->text;
    }
    return &out;
}

/* ---- lifetime ---- */

/* Wanting fields costs every packet (the items are built instead of faked):
 * ask for the IP sources only while the protocol is on and a database open. */
static void want_sources(void)
{
    GArray *wanted = NULL;
    if (proto_is_protocol_enabled(find_protocol_by_id(proto_src)) &&
        (src.sources.db[0] || src.sources.db[1])) {
        wanted = g_array_sized_new(FALSE, FALSE, (guint)sizeof(int), 2);
        if (hf_ip_src >= 0)
            g_array_append_val(wanted, hf_ip_src);
        if (hf_ipv6_src >= 0)
            g_array_append_val(wanted, hf_ipv6_src);
    }
    hs_postdissector_want(HS_PART_SRC, wanted);
}

static void src_init(void)
{
    last_source.frame = 0;
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_src))) {
        hs_postdissector_want(HS_PART_SRC, NULL);
        return;
    }

    /* Wireshark's MaxMind folders may have changed (they matter only when a
     * preference is empty). */
    gchar *paths = maxmind_db_get_paths();
    if (g_strcmp0(paths, src.searched_paths) != 0) {
        g_free(src.searched_paths);
        src.searched_paths = paths;
        src.dirty = TRUE;
    } else {
        g_free(paths);
    }
    if (!src.cache)
        src.cache = geo_cache_new(0);
    else
        geo_cache_clear(src.cache); /* answers last for one capture file */
    if (src.dirty)
        open_databases(src.searched_paths);
    /* Notices are shown again in the next file (or dissection), on its first
     * frame that wants them; lookup errors are found again. */
    guint kept = 0;
    for (guint i = 0; i < src.n_notices; i++) {
        if (src.notices[i].ei == &ei_src_db_error) {
            g_free(src.notices[i].text);
            continue;
        }
        src.notices[i].frame = 0;
        src.notices[kept++] = src.notices[i];
    }
    src.n_notices = kept;
    src.lookup_error_seen[0] = src.lookup_error_seen[1] = FALSE;
    want_sources();
}

static void src_cleanup(void)
{
    if (src.cache) {
        geo_cache_stats_t st;
        geo_cache_get_stats(src.cache, &st);
        ws_debug("src cache: %" G_GUINT64_FORMAT " hits, %" G_GUINT64_FORMAT
                 " misses, %" G_GUINT64_FORMAT " flushes, %zu entries",
                 st.hits, st.misses, st.flushes, st.entries);
        geo_cache_clear(src.cache);
    }
}

static void src_shutdown(void)
{
    geo_sources_close(&src.sources);
    clear_notices();
    geo_cache_free(src.cache);
    src.cache = NULL;
    g_free(src.searched_paths);
    src.searched_paths = NULL;
    g_free(src.search_list);
    src.search_list = NULL;
}

/* Preferences changed: reopen before the next dissection (the redissection
 * Wireshark starts after a change runs the init routine, which reopens). */
static void src_prefs_apply(void)
{
    hs_os_prefs_apply();
    close_databases();
    src.dirty = TRUE;
    /* Open now, outside any dissection, so that the source fields are asked
     * for from the first packet of the redissection on (the GUI may apply
     * preferences after the init routine ran). */
    if (src.searched_paths || src.cache) {
        open_databases(src.searched_paths);
        want_sources();
    }
}

void proto_register_src(void)
{
    static hf_register_info hf[] = {
        {&hf_src_asn,
         {"AS number", "src.asn", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Autonomous system of the source address (outermost IP header)", HFILL}},
        {&hf_src_as_org,
         {"AS organization", "src.as_org", FT_STRING, BASE_NONE, NULL, 0x0,
          "Organization of the source address's autonomous system", HFILL}},
        {&hf_src_country,
         {"Country", "src.country", FT_STRING, BASE_NONE, NULL, 0x0,
          "ISO 3166-1 alpha-2 code of the source address's country", HFILL}},
        {&hf_src_country_name,
         {"Country name", "src.country_name", FT_STRING, BASE_NONE, NULL, 0x0,
          "English name of the source address's country", HFILL}},
        {&hf_src_net,
         {"Network", "src.net", FT_STRING, BASE_NONE, NULL, 0x0,
          "Database network that matched the source address (CIDR)", HFILL}},
        {&hf_src_db_date[GEO_ROLE_ASN],
         {"AS database date", "src.db_date", FT_STRING, BASE_NONE, NULL, 0x0,
          "Date (YYYY-MM-DD) of the database that answered: the one in force at the "
          "packet's capture time (the country one only when the country data are dated apart)", HFILL}},
        {&hf_src_db_date[GEO_ROLE_COUNTRY],
         {"Country database date", "src.db_date", FT_STRING, BASE_NONE, NULL, 0x0,
          "Date (YYYY-MM-DD) of the database that answered: the one in force at the "
          "packet's capture time (the country one only when the country data are dated apart)", HFILL}},
    };
    static gint *ett[] = {&ett_src};
    static ei_register_info ei[] = {
        {&ei_src_db_unusable,
         {"src.db_unusable", PI_UNDECODED, PI_WARN, "A configured database cannot be used",
          EXPFILL}},
        {&ei_src_no_db,
         {"src.no_db", PI_UNDECODED, PI_NOTE, "No AS or country database found", EXPFILL}},
        {&ei_src_db_error,
         {"src.db_error", PI_UNDECODED, PI_WARN, "A database lookup failed", EXPFILL}},
        {&ei_src_db_before,
         {"src.db_before", PI_UNDECODED, PI_NOTE,
          "The packet is older than every dated database; the oldest was used", EXPFILL}},
        {&ei_src_db_far,
         {"src.db_far", PI_UNDECODED, PI_WARN,
          "The database is further from the packet than src.db_max_days", EXPFILL}},
    };

    proto_src = proto_register_protocol("Source attribution (honeyshark)", "Source", "src");
    tunnel_sources = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                            g_direct_equal);
    proto_register_field_array(proto_src, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_src = expert_register_protocol(proto_src);
    expert_register_field_array(expert_src, ei, array_length(ei));

    module_t *module = prefs_register_protocol(proto_src, src_prefs_apply);
    /* OS fingerprinting (packet-os.c): fields, expert info and preference in src. */
    hs_os_register(proto_src, module, expert_src);
    prefs_register_filename_preference(
        module, "asn_db", "AS database",
        "MaxMind-format database with AS numbers: GeoLite2-ASN, DB-IP ASN Lite or IPinfo "
        "Lite (file, or a folder to search). A folder of dated files (asn-2015-03-01.mmdb, "
        "GeoLite2-ASN_20150301/...) attributes each packet with the one in force at its "
        "capture time. Empty: the country database if it has AS data too, else the usual "
        "files in Wireshark's MaxMind folders, /usr/share/GeoIP and /var/lib/GeoIP.",
        &pref_asn_db, FALSE);
    prefs_register_filename_preference(
        module, "country_db", "Country database",
        "MaxMind-format database with countries: GeoLite2-Country or -City, DB-IP Country "
        "Lite or IPinfo Lite (file, or a folder to search, dated files as for the AS "
        "database). Empty: the AS database (or its folder) if it has countries too, else the "
        "usual files in the same folders.",
        &pref_country_db, FALSE);
    prefs_register_uint_preference(
        module, "db_max_days", "Warn when the database is further from the packet (days)",
        "Expert info src.db_far when the database that answered is dated more than this "
        "many days before or after the packet's capture time. 0: never.",
        10, &pref_db_max_days);
    prefs_register_bool_preference(
        module, "http_telnet_only", "Only on HTTP and Telnet packets",
        "Add the src fields only to packets with an HTTP or Telnet layer, not to every IP "
        "packet",
        &pref_http_telnet_only);

    hs_postdissector_add(HS_PART_SRC, proto_src, dissect_src);
    register_init_routine(src_init);
    register_cleanup_routine(src_cleanup);
    register_shutdown_routine(src_shutdown);
}

void proto_reg_handoff_src(void)
{
    hf_ip_src = proto_registrar_get_id_byname("ip.src");
    hf_ipv6_src = proto_registrar_get_id_byname("ipv6.src");
    proto_ip = proto_get_id_by_filter_name("ip");
    proto_ipv6 = proto_get_id_by_filter_name("ipv6");
    proto_http = proto_get_id_by_filter_name("http");
    proto_telnet = proto_get_id_by_filter_name("telnet");
    hs_os_handoff();
    if (hf_ip_src < 0 || hf_ipv6_src < 0)
        ws_log(WS_LOG_DOMAIN, LOG_LEVEL_WARNING,
               "ip.src or ipv6.src is not registered; src fields are limited");
}
