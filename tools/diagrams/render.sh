#!/bin/sh
# Regenerates docs/diagrams/ (the README and ops-guide pictures) from bpmn/ and dmn/ with bpmn-js and
# dmn-js in headless Chromium. Needs Node 20+, /usr/bin/chromium (or CHROMIUM=...) and a CJK font
# (the occasion calendar has Chinese names; Debian: fonts-wqy-microhei or fonts-noto-cjk).
set -eu
cd "$(dirname "$0")"
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh)" ]; then
  echo "no CJK font installed: the Chinese names in dmn/occasion-calendar.dmn would render as boxes" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
node render.mjs "$@"
