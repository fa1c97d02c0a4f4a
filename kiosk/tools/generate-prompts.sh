#!/usr/bin/env bash
# Regenerates the kiosk's built-in spoken prompts from messages.properties with espeak-ng's
# Mandarin voice (apt-get install espeak-ng sox). These are serviceable defaults; a township
# should record a local voice in dialect and put the files in DATA/prompts/KEY.wav on the kiosk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
messages=src/main/resources/org/courtyard/kiosk/messages.properties
out=src/main/resources/org/courtyard/kiosk/prompts
mkdir -p "$out"
spoken='^(home\.prompt|help\.prompt|help\.saved|help\.saved\.offline|help\.not-saved|help\.offline|help\.repeated|help\.repeated\.offline|help\.who\.question|help\.who\.thanks|help\.cancel\.confirm|help\.cancel\.kept|help\.duty-phone|digit\.[0-9]|help\.delivered|help\.acknowledged|help\.assigned|help\.resolved|help\.cancelled|help\.cancel\.too-late|help\.category\.question|help\.category\.thanks|checkin\.prompt|checkin\.groups\.prompt|checkin\.thanks|checkin\.undone|announcements\.prompt|announcements\.none|announcements\.not-ready|announcements\.no-recording|voice\.off|voice\.dropped|voice\.confirm\.[a-z_]+|voice\.listen|voice\.unheard|voice\.memo\.prompt|voice\.memo\.saved|cadre\.pin\.(prompt|short|wrong|locked|no-cadres)|cadre\.prompt|cadre\.visit\.(prompt|note|saved)|cadre\.play\.(prompt|none|not-ready|no-recording|gone|done|stopped|failed)|cadre\.live\.(prompt|ended|no-microphone|failed)|family\.offer\.[A-Z_]+|family\.played|family\.reply\.(saved|too-short|no-microphone)|family\.play\.failed|unit\.(checkin\.(thanks|already|reminder)|unbound|message\.[A-Z_]+))$'
grep -v '^#' "$messages" | grep '=' | while IFS='=' read -r key text; do
  [[ "$key" =~ $spoken ]] || continue
  tmp="$(mktemp --suffix=.wav)"
  espeak-ng -v cmn -s 140 -w "$tmp" "$text"
  sox "$tmp" -r 16000 -c 1 -b 16 "$out/$key.wav" silence 1 0.05 0.5% reverse silence 1 0.05 0.5% reverse
  rm -f "$tmp"
  echo "$key"
done
