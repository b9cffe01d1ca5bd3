#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and checks the screenshot is not blank.
#
#   scripts/check-report.sh REPORT.html [SCREENSHOT.png]
#
# Needs the Debian package `chromium` (apt-get install chromium); `make test` does not depend on it. The page is
# opened from disk with the network off, so a report that needed anything from the network would show it. Passes
# when the screenshot (1200 × HEIGHT pixels, default 3000) holds at least MIN_COLOURS distinct colours and MIN_INK of its pixels are not white.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: scripts/check-report.sh REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
report=$1
[ -f "$report" ] || { echo "check-report: $report: no such file" >&2; exit 1; }
screenshot=${2:-${report%.html}.png}
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "check-report: chromium not found; install it with: apt-get install chromium" >&2; exit 1; }
MIN_COLOURS=${MIN_COLOURS:-16}
MIN_INK=${MIN_INK:-0.02}
HEIGHT=${HEIGHT:-3000}

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' \
  --window-size=1200,"$HEIGHT" --screenshot="$(realpath -m "$screenshot")" "file://$(realpath "$report")" \
  >/dev/null 2>"$profile/chromium.log" || { cat "$profile/chromium.log" >&2; exit 1; }
[ -s "$screenshot" ] || { echo "check-report: chromium wrote no screenshot" >&2; cat "$profile/chromium.log" >&2; exit 1; }

python3 - "$screenshot" "$MIN_COLOURS" "$MIN_INK" <<'PY'
import struct, sys, zlib

path, min_colours, min_ink = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"check-report: {path} is not a PNG")
position, idat, header = 8, b"", None
while position < len(data):
    length, kind = struct.unpack(">I4s", data[position:position + 8])
    chunk = data[position + 8:position + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", chunk)
    elif kind == b"IDAT":
        idat += chunk
    position += 12 + length
width, height, depth, colour_type, _, _, interlace = header
channels = {2: 3, 6: 4}.get(colour_type)
if depth != 8 or channels is None or interlace != 0:
    sys.exit(f"check-report: unsupported PNG (depth {depth}, colour type {colour_type}, interlace {interlace})")
raw = zlib.decompress(idat)
stride = width * channels
previous = bytearray(stride)
colours, ink = set(), 0
for row in range(height):
    start = row * (stride + 1)
    kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        corner = previous[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    for i in range(0, stride, channels):
        pixel = bytes(line[i:i + 3])
        colours.add(pixel)
        if pixel != b"\xff\xff\xff":
            ink += 1
    previous = line
share = ink / (width * height)
print(f"check-report: {path}: {width}x{height}, {len(colours)} distinct colours, {100 * share:.1f}% non-white pixels")
if len(colours) < min_colours or share < min_ink:
    sys.exit(f"check-report: the page looks blank (need {min_colours} colours and {100 * min_ink:.1f}% non-white pixels)")
PY
