# state-of-rows.awk - the aggregates honeyshark-ch-report's queries return
# (NAME<TAB>k0<TAB>k1<TAB>k2<TAB>counter... per line, TabSeparated) as the
# rest of a honeyshark-report state file (postproc/agg_save.h): string key
# words ("s:" then the text) interned in the order met, "" being id 0, and
# every map listed, even empty, in agg_schema.c's order.
# Run as: LC_ALL=C awk -F'\t' -f state-of-rows.awk
BEGIN {
    nmaps = split("as as_src as_port as_org country country_src country_name port port_src " \
                  "time time_port src_info src_port os os_src exploit exploit_src db_date", maps, " ")
    nstr = 1
    id[""] = 0
}

# TabSeparated escapes: a backslash, then t, n, 0 or the character itself.
function unescape(s,   out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" && i < length(s)) {
            c = substr(s, ++i, 1)
            c = c == "t" ? "\t" : c == "n" ? "\n" : c == "0" ? "" : c
        }
        out = out c
    }
    return out
}

# A key word: a number as it is, a string as its id.
function word(w,   s) {
    if (substr(w, 1, 2) != "s:")
        return w
    s = unescape(substr(w, 3))
    if (!(s in id)) {
        id[s] = nstr
        str[nstr++] = s
    }
    return id[s]
}

# The state's string escape: %XX for '%' and bytes up to ' ' (the texts
# were cleaned of control characters, so only space and '%' occur).
function esc(s) {
    gsub(/%/, "%25", s)
    gsub(/ /, "%20", s)
    gsub(/\t/, "%09", s)
    gsub(/\n/, "%0A", s)
    return s
}

{
    line = word($2) " " word($3) " " word($4)
    for (f = 5; f <= NF; f++)
        line = line " " $f
    rows[$1, ++n[$1]] = line
}

END {
    print "strings " nstr
    print "s"
    for (i = 1; i < nstr; i++)
        print "s " esc(str[i])
    for (j = 1; j <= nmaps; j++) {
        print "map " maps[j] " " (n[maps[j]] + 0)
        for (r = 1; r <= n[maps[j]]; r++)
            print rows[maps[j], r]
    }
    print "end"
}
