# shellcheck shell=bash
# Selects a JDK >= 21 for ecs-guard. Sourced by ./ecs-guard and .ci/run (the one copy).
#
#   source .ci/jdk.sh && ecs_guard_select_jdk
#
# Order: $JAVA_HOME if it is a JDK >= 21; else the newest JDK >= 21 under /usr/lib/jvm
# (override the directories searched with ECS_GUARD_JDK_DIRS, colon-separated); else the
# JDK of the `java` on PATH if it is >= 21; else an error naming what to install.
# On success exports JAVA_HOME, puts $JAVA_HOME/bin first on PATH and returns 0.

ECS_GUARD_MIN_JDK=21

# Sets ECS_GUARD_FOUND_MAJOR to the feature release (8, 17, 21, 25...) of the JDK at $1; returns 1
# when $1 is not a JDK. Reads $1/release with bash alone: the launcher runs this on every start,
# and a subshell or a sed per candidate JDK cost more CPU than the JVM's own start-up budget allows.
ecs_guard_read_jdk_major() {
  local home=$1 v="" line re='^JAVA_VERSION="([^"]*)"'
  ECS_GUARD_FOUND_MAJOR=""
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
  if [[ -f "$home/release" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" =~ $re ]]; then v=${BASH_REMATCH[1]}; break; fi
    done < "$home/release"
  fi
  if [[ -z "$v" ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  [[ -n "$v" ]] || return 1
  v=${v#1.}            # 1.8.0_402 -> 8.0_402
  v=${v%%[.+_-]*}      # 21.0.2 -> 21, 25 -> 25
  [[ "$v" =~ ^[0-9]+$ ]] || return 1
  ECS_GUARD_FOUND_MAJOR=$v
}

ecs_guard_select_jdk() {
  local candidate major best="" best_major=0 dir seen=""
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=""
    ecs_guard_read_jdk_major "$JAVA_HOME" && major=$ECS_GUARD_FOUND_MAJOR
    if [[ -n "$major" && "$major" -ge $ECS_GUARD_MIN_JDK ]]; then
      best=$JAVA_HOME best_major=$major
    fi
    seen+="  JAVA_HOME=$JAVA_HOME: ${major:-not a JDK}"$'\n'
  fi
  if [[ -z "$best" ]]; then
    local IFS=:
    for dir in ${ECS_GUARD_JDK_DIRS:-/usr/lib/jvm}; do
      for candidate in "$dir"/*; do
        [[ -d "$candidate" && ! -L "$candidate" ]] || continue
        ecs_guard_read_jdk_major "$candidate" || continue
        major=$ECS_GUARD_FOUND_MAJOR
        seen+="  $candidate: $major"$'\n'
        if [[ "$major" -ge $ECS_GUARD_MIN_JDK && "$major" -gt "$best_major" ]]; then
          best=$candidate best_major=$major
        fi
      done
    done
    unset IFS
  fi
  if [[ -z "$best" ]] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=""
    ecs_guard_read_jdk_major "$candidate" && major=$ECS_GUARD_FOUND_MAJOR
    seen+="  javac on PATH ($candidate): ${major:-unknown}"$'\n'
    if [[ -n "$major" && "$major" -ge $ECS_GUARD_MIN_JDK ]]; then
      best=$candidate best_major=$major
    fi
  fi
  if [[ -z "$best" ]]; then
    {
      echo "ecs-guard: no JDK >= $ECS_GUARD_MIN_JDK found."
      if [[ -n "$seen" ]]; then printf 'Looked at:\n%s' "$seen"; else echo "Looked at: JAVA_HOME (unset), ${ECS_GUARD_JDK_DIRS:-/usr/lib/jvm} (none), javac on PATH (none)"; fi
      echo "Install a JDK 21 or newer (Debian/Ubuntu: apt-get install openjdk-21-jdk; or Eclipse Temurin 21+),"
      echo "then set JAVA_HOME to it."
    } >&2
    return 1
  fi
  export JAVA_HOME=$best
  export ECS_GUARD_JDK_MAJOR=$best_major
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  # JDK 24+ warns when Maven's bundled Guava touches sun.misc.Unsafe; the option exists from JDK 23.
  if [[ "$best_major" -ge 23 && "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
  return 0
}
