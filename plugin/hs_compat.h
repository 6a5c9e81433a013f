/*
 * hs_compat.h - every Wireshark API difference between the versions
 * honeyshark supports (4.0, 4.4, 4.6), in one place.  The dissector files
 * use these names and carry no version checks of their own.
 *
 * 4.2 moved the plugin API from GLib types to C99 ones: boolean
 * preferences take a bool *, UAT update callbacks return bool,
 * wmem_strbuf_sized_new() became wmem_strbuf_new_sized(), and plugins
 * describe what they register (plugin_describe()); a field_info's value
 * became a pointer.  4.6: a -z option's init callback returns bool.
 */
#ifndef HS_COMPAT_H
#define HS_COMPAT_H

#include <wireshark.h>
#include <ws_version.h>

#define HS_WIRESHARK_AT_LEAST(major, minor)                                                \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                                  \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

#if HS_WIRESHARK_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
/* The variable behind prefs_register_bool_preference(). */
typedef bool hs_pref_bool_t;
/* What a UAT record-update callback returns. */
typedef bool hs_uat_result_t;
#define hs_strbuf_new_sized(pool, size) wmem_strbuf_new_sized((pool), (size))
/* What the plugin registers, for "About Wireshark › Plugins" and the loader. */
#define HS_PLUGIN_DESCRIPTION (WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER)
/* A field_info's value (4.2 made it a pointer). */
#define HS_FI_VALUE(fi) ((fi)->value)
#else
typedef gboolean hs_pref_bool_t;
typedef gboolean hs_uat_result_t;
#define hs_strbuf_new_sized(pool, size) wmem_strbuf_sized_new((pool), (size), 0)
#define HS_FI_VALUE(fi) (&(fi)->value)
#endif

#if HS_WIRESHARK_AT_LEAST(4, 6)
/* What a -z option's init callback returns: false when the option is wrong. */
typedef bool hs_stat_init_result_t;
#define HS_STAT_INIT_FAILED(message) return (report_failure("%s", (message)), false)
#define HS_STAT_INIT_DONE return true
#else
/* Before 4.6 -z init callbacks return nothing: a wrong option ends tshark,
 * as its own statistics do. */
typedef void hs_stat_init_result_t;
#define HS_STAT_INIT_FAILED(message) (report_failure("%s", (message)), exit(2))
#define HS_STAT_INIT_DONE return
#endif

#endif
