# Sourced by the launchers: sets JAVA to a java of version >= 21, or explains what to install.
# Order: $JAVA_HOME, then every JDK under /usr/lib/jvm (newest first), then java on PATH.
java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}
find_java() {
  local candidates=() c m
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}/bin/java"); done
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    m=$(java_major "$c")
    if [ -n "$m" ] && [ "$m" -ge 21 ] 2>/dev/null; then
      JAVA="$c"
      JAVA_HOME="$(cd "$(dirname "$c")/.." && pwd)"
      export JAVA_HOME
      return 0
    fi
  done
  cat >&2 <<'MSG'
switchboard: no Java 21 or newer found (looked at $JAVA_HOME, /usr/lib/jvm/*, and java on PATH).
Install a JDK 21+ and run again, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk     (or Temurin 21/25 from adoptium.net)
  macOS:          brew install openjdk@21
or point JAVA_HOME at an existing JDK 21+.
MSG
  return 1
}
