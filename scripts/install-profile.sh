#!/bin/bash
# install-profile.sh SRC_DIR DEST_DIR - installs the "Honeypot" Wireshark profile.
#
# A file is written when it is missing, or when it is still exactly what an
# earlier install wrote (its checksum is in DEST/.honeyshark-installed).  A
# file the user changed is left alone, and the new version is written next
# to it as FILE.honeyshark-new, so nothing of theirs is lost.
set -euo pipefail
src=$1
dest=$2
manifest="$dest/.honeyshark-installed"
mkdir -p "$dest"
touch "$manifest"
new_manifest=$(mktemp)
trap 'rm -f "$new_manifest"' EXIT
for f in "$src"/*; do
    name=$(basename "$f")
    sum=$(sha256sum <"$f" | cut -d' ' -f1)
    target="$dest/$name"
    if [ -e "$target" ]; then
        current=$(sha256sum <"$target" | cut -d' ' -f1)
        installed=$(awk -v n="$name" '$2 == n { print $1 }' "$manifest")
        if [ "$current" != "$sum" ] && [ "$current" != "$installed" ]; then
            cp "$f" "$target.honeyshark-new"
            echo "honeyshark: kept your changed $target; the new version is $target.honeyshark-new"
            echo "$installed $name" >>"$new_manifest"
            continue
        fi
    fi
    cp "$f" "$target"
    echo "$sum $name" >>"$new_manifest"
done
mv "$new_manifest" "$manifest"
trap - EXIT
chmod 644 "$manifest"
echo "honeyshark: profile Honeypot installed in $dest"
