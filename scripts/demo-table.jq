# One row per shellshock item: tshark -T json --no-duplicate-keys output in.
def arr: if . == null then [] elif type == "array" then . else [.] end;
def grade: {"1": "green", "2": "yellow", "3": "red"}[.] // .;
# Seconds (Wireshark 4.0, 4.4) or ISO 8601 UTC (4.6) to "YYYY-MM-DD HH:MM".
def minute: if test("T") then .[0:16] | sub("T"; " ") else tonumber | strftime("%Y-%m-%d %H:%M") end;
.[]._source.layers
| . as $l
| ($l.frame["frame.number"]) as $n
| ($l.frame["frame.time_epoch"] | minute) as $t
| (($l.ip["ip.src"] // $l.ipv6["ipv6.src"]) | arr | first) as $src
| ([$l.src | arr[] | .["src.country"] // empty] | first // "-") as $cc
| ([$l.src | arr[] | .["src.asn"] // empty] | first // "-") as $asn
| $l.shellshock | arr[]
| [$n, $t, $src, $cc, (if $asn == "-" then "-" else "AS" + $asn end),
   (.["shellshock.grade"] | grade), .["shellshock.vector"], (.["shellshock.header"] // "-"),
   ((.["shellshock.cve"] | arr | map(sub("CVE-"; "")) | join(",")) | if . == "" then "-" else . end),
   (.["shellshock.command"] | arr | join(",") | if . == "" then "-" else . end),
   ((.["shellshock.url"] | arr) as $u | (if ($u | length) > 0 then $u else (.["shellshock.host"] | arr) end) | join(" ") | if . == "" then "-" else . end)]
| @tsv
