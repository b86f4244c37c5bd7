#!/bin/sh
# Put coopdesk in your desktop's application menu (for you alone: nothing outside your home folder is
# touched), or take it out again:
#
#     ./install-desktop-entry.sh            add coopdesk, started from this folder, to the menu
#     ./install-desktop-entry.sh --remove   take it out again
#
# Run it again after moving this folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry=$data/applications/coopdesk.desktop
scalable=$data/icons/hicolor/scalable/apps/coopdesk.svg
bitmap=$data/icons/hicolor/256x256/apps/coopdesk.png

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
}

case "${1:-}" in
    --remove)
        rm -f "$entry" "$scalable" "$bitmap"
        refresh
        echo "coopdesk was taken out of the application menu."
        exit 0
        ;;
    "") ;;
    *)
        echo "usage: $0 [--remove]" >&2
        exit 2
        ;;
esac

if [ ! -x "$here/coopdesk" ]; then
    echo "$0: there is no coopdesk program beside this script; run the script from the coopdesk folder." >&2
    exit 1
fi

# Exec= takes the program's path in double quotes, with " \` $ and \ escaped (then every \ doubled, as
# in any desktop entry value) and % doubled.
program=$(printf '%s' "$here/coopdesk" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g' -e 's/%/%%/g')

mkdir -p "$(dirname "$entry")" "$(dirname "$scalable")" "$(dirname "$bitmap")"
cp "$here/share/coopdesk.svg" "$scalable"
cp "$here/share/coopdesk.png" "$bitmap"
while IFS= read -r line; do
    case "$line" in
        Exec=*) printf 'Exec="%s"\n' "$program" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$here/share/coopdesk.desktop" > "$entry.part"
mv "$entry.part" "$entry"
refresh
echo "coopdesk is in your application menu (Office). To take it out: $0 --remove"
