# Sourced: exports JAVA_HOME pointing at a JDK 25, or fails with a message saying how to get one.
jgrad_is_jdk25() {
    [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -qE '"25[."]'
}
if [ -n "${JAVA_HOME:-}" ] && jgrad_is_jdk25 "$JAVA_HOME"; then
    :
else
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        if [ -d "$candidate" ] && jgrad_is_jdk25 "$candidate"; then
            JAVA_HOME="$candidate"
            break
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "jgrad needs JDK 25: none found in \$JAVA_HOME or /usr/lib/jvm (install a JDK 25, e.g. Temurin 25, and set JAVA_HOME)" >&2
        return 1 2>/dev/null || exit 1
    fi
fi
export JAVA_HOME
