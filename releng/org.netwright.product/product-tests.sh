#!/usr/bin/env bash
# Integration checks of the built product (run by Maven in the integration-test phase):
#  0. the archive unpacks quietly with GNU tar;
#  1. link check: GEF/Draw2d 3.2 against the bundles the product really ships;
#  2. the command line: its lean class path (no user interface bundle), serve --jsonl driven over a pipe, and the
#     start-up cache (made in the background, used afterwards, ignored silently when it cannot be used);
#  3. smoke test: the archive's launcher script starts the workbench under X and it paints a window.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET="$HERE/target"
JAVA="${JAVA_HOME:?JAVA_HOME is set by the build}/bin/java"
ARCHIVE=$(ls "$TARGET"/products/netwright-studio-*-linux.gtk.x86_64.tar.gz)
SMOKE="$TARGET/smoke"
rm -rf "$SMOKE" && mkdir -p "$SMOKE"
# unpacked as a new user would: plain GNU tar must say nothing (no warning per entry)
tar_output=$(tar -xzf "$ARCHIVE" -C "$SMOKE" 2>&1)
if [ -n "$tar_output" ]; then
  echo "product test: 'tar -xzf' of $ARCHIVE is not quiet ($(printf '%s\n' "$tar_output" | wc -l) line(s)), first: $(printf '%s\n' "$tar_output" | head -1)"; exit 1
fi
STUDIO="$SMOKE/netwright-studio"
[ -x "$STUDIO/netwright-studio" ] || { echo "product test: launcher script missing or not executable in $ARCHIVE"; exit 1; }
[ -x "$STUDIO/netwright" ] || { echo "product test: command line script missing or not executable in $ARCHIVE"; exit 1; }

ASM=$(ls "$STUDIO"/plugins/org.objectweb.asm_*.jar | head -1):$(ls "$STUDIO"/plugins/org.objectweb.asm.tree_*.jar | head -1)
"$JAVA" -cp "$ASM" "$HERE/linkcheck/LinkCheck.java" "$STUDIO/plugins" org.eclipse.gef org.eclipse.draw2d

"$STUDIO/netwright" --help >/dev/null
bash "$HERE/cli-tests.sh" "$STUDIO" "$SMOKE"

if [ -z "${DISPLAY:-}" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "product test: no DISPLAY under CI=true: the workbench smoke test cannot run (start Xvfb)"; exit 1
  fi
  echo "product test: SKIPPED the workbench smoke test: no X display (run 'Xvfb :99 & export DISPLAY=:99' to include it)"
  exit 0
fi
SHOT="$TARGET/screenshots/product-startup.png"
rm -f "$SHOT"
NETWRIGHT_JAVA_OPTS="-Dnetwright.smokeScreenshot=$SHOT" timeout 180 "$STUDIO/netwright-studio" \
  -data "$SMOKE/workspace" -configuration "$SMOKE/configuration-runtime" >"$SMOKE/studio.log" 2>&1 || {
  echo "product test: the workbench did not start and stop cleanly; its output:"; cat "$SMOKE/studio.log"; exit 1; }
size=$(stat -c %s "$SHOT" 2>/dev/null || echo 0)
if [ "$size" -lt 5000 ]; then
  echo "product test: no usable screenshot from the started product ($SHOT, $size bytes); its output:"; cat "$SMOKE/studio.log"; exit 1
fi
echo "product test: workbench started from the archive, screenshot $SHOT ($size bytes)"
