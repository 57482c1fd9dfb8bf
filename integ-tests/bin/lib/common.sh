# Shared helpers of the integ-tests scripts: JDK discovery and dropping root (OpenSearch refuses to run as root).
# Sourced, not executed.

MGDSPR_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
MGDSPR_BUILD_USER="${MGDSPR_BUILD_USER:-mgdspr}"
MGDSPR_BUILD_HOME="${MGDSPR_BUILD_HOME:-/var/lib/mgdspr}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints a script's usage: its leading comment block (every line after the shebang up to the first line that is
# not a comment), without the comment marks. Usage: usage_from_header "$0"
usage_from_header() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# Exports JAVA_HOME (and OPENSEARCH_JAVA_HOME) pointing at a JDK 21 or newer: the current JAVA_HOME when it is
# new enough, else the newest JDK under /usr/lib/jvm.
require_jdk21() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$(java_major "$JAVA_HOME")"
    if [ "${major:-0}" -ge 21 ]; then best="$JAVA_HOME"; best_major="$major"; fi
  fi
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major="$(java_major "$candidate")"
      if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
    done
  fi
  [ -n "$best" ] || die "JDK 21 or newer is required (OpenSearch 3.6 needs it) and none was found: set JAVA_HOME to one, or install one under /usr/lib/jvm"
  export JAVA_HOME="$best" OPENSEARCH_JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# One line naming the CPU and its AVX extensions, and the oneDNN ISA cap when one is set: PyTorch's kernels
# differ by instruction set, so a numeric failure on one machine is read together with this line.
describe_cpu() {
  local model flags
  model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)"
  flags="$(awk -F': ' '/^flags/ {print $2; exit}' /proc/cpuinfo 2>/dev/null | tr ' ' '\n' \
    | { grep -E '^(avx|amx)' || true; } | sort | paste -sd' ' -)"
  printf 'CPU: %s, %s cores; AVX flags: %s; ONEDNN_MAX_CPU_ISA=%s' "${model:-unknown}" "$(nproc)" \
    "${flags:-none}" "${ONEDNN_MAX_CPU_ISA:-unset}"
}

# True when nothing listens on the loopback port.
# A port is taken when a socket listens on it, on any address, or when a connection to it succeeds. The listener
# check comes first: a listener that does not accept (its backlog full) still holds the port, yet a connection to it
# fails or hangs, which alone would read as free.
port_free() {
  if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; then
    return 1
  fi
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_maven() {
  command -v mvn >/dev/null 2>&1 || die "Apache Maven 3.8+ is required (Debian: apt-get install maven)"
}

# As root on a fresh machine: installs the few Debian packages the scripts need when they are missing.
install_missing_tools() {
  local missing=() tool
  for tool in mvn:maven unzip:unzip curl:curl runuser:util-linux; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing tools: ${missing[*]}; install them and rerun"
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The documented variables that reach the scripts and tools (README.md, model/docs/cli.md, the scripts' headers),
# each checked, printed as NAME=value lines for `env`: dropping root clears the environment, and a value the
# unprivileged user cannot use should fail here, naming the variable, rather than later in its run. The folders
# the user writes to are created for it when missing.
documented_variables() {
  local variable value
  for variable in MGDSPR_DEMO_CACHE MGDSPR_DEMO_OUT MGDSPR_CACHE_DIR MGDSPR_CLUSTERS_DIR; do
    value="${!variable:-}"
    [ -n "$value" ] || continue
    [[ "$value" = /* && "$value" != *$'\n'* ]] || die "$variable must be an absolute folder path, got [$value]"
    if [ ! -e "$value" ]; then
      mkdir -p "$value" && chown "$MGDSPR_BUILD_USER:" "$value" || die "cannot create $variable=$value"
    fi
    runuser -u "$MGDSPR_BUILD_USER" -- test -d "$value" -a -w "$value" \
      || die "$variable=$value is not a folder user $MGDSPR_BUILD_USER can write to; chown it or choose another"
    printf '%s=%s\n' "$variable" "$value"
  done
  value="${MGDSPR_START_TIMEOUT:-}"
  if [ -n "$value" ]; then
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "MGDSPR_START_TIMEOUT must be a whole number of seconds, got [$value]"
    printf 'MGDSPR_START_TIMEOUT=%s\n' "$value"
  fi
  value="${ONEDNN_MAX_CPU_ISA:-}"
  if [ -n "$value" ]; then
    [[ "$value" =~ ^[A-Za-z0-9_]+$ ]] || die "ONEDNN_MAX_CPU_ISA must be an ISA name such as AVX2, got [$value]"
    printf 'ONEDNN_MAX_CPU_ISA=%s\n' "$value"
  fi
  value="${MGDSPR_JAVA_OPTS:-}"
  if [ -n "$value" ]; then
    [[ "$value" != *$'\n'* ]] || die "MGDSPR_JAVA_OPTS must be one line of JVM options"
    printf 'MGDSPR_JAVA_OPTS=%s\n' "$value"
  fi
}

# When run as root, re-executes the calling script as the unprivileged build user, creating the user when needed,
# with a clean environment except for the documented variables (JAVA_HOME, MGDSPR_SHARED_DIR and those of
# documented_variables).
# The repository is used in place when that user can read it (its target/ folders are handed over to the user);
# otherwise a copy under the user's home is used. Usage: drop_root "$0" "$@"
drop_root() {
  [ "$(id -u)" -eq 0 ] || return 0
  local script="$1"; shift
  install_missing_tools
  if ! id "$MGDSPR_BUILD_USER" >/dev/null 2>&1; then
    log "creating unprivileged user $MGDSPR_BUILD_USER (home $MGDSPR_BUILD_HOME): OpenSearch refuses to run as root"
    useradd --system --create-home --home-dir "$MGDSPR_BUILD_HOME" --shell /bin/bash "$MGDSPR_BUILD_USER"
  fi
  mkdir -p "$MGDSPR_BUILD_HOME"
  chown "$MGDSPR_BUILD_USER:" "$MGDSPR_BUILD_HOME"

  local repo="$MGDSPR_REPO_ROOT" shared="${MGDSPR_SHARED_DIR:-$MGDSPR_REPO_ROOT/../shared}"
  if ! runuser -u "$MGDSPR_BUILD_USER" -- test -r "$repo/pom.xml" -a -x "$repo/integ-tests/bin"; then
    local copy="$MGDSPR_BUILD_HOME/src/$(basename "$repo")"
    log "user $MGDSPR_BUILD_USER cannot read $repo; working on a copy in $copy"
    mkdir -p "$copy"
    tar -C "$repo" --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -C "$copy" -xf -
    chown -R "$MGDSPR_BUILD_USER:" "$MGDSPR_BUILD_HOME/src"
    repo="$copy"
    script="$copy/${script#"$MGDSPR_REPO_ROOT"/}"
  fi
  if [ -d "$shared" ] && ! runuser -u "$MGDSPR_BUILD_USER" -- test -r "$shared"; then
    log "user $MGDSPR_BUILD_USER cannot read $shared; copying it to $MGDSPR_BUILD_HOME/shared"
    rm -rf "$MGDSPR_BUILD_HOME/shared"
    cp -r "$shared" "$MGDSPR_BUILD_HOME/shared"
    chown -R "$MGDSPR_BUILD_USER:" "$MGDSPR_BUILD_HOME/shared"
    shared="$MGDSPR_BUILD_HOME/shared"
  fi
  local pom dir
  while IFS= read -r pom; do
    dir="$(dirname "$pom")/target"
    mkdir -p "$dir"
    chown -R "$MGDSPR_BUILD_USER:" "$dir"
  done < <(find "$repo" -name pom.xml -not -path '*/target/*' -not -path '*/.git/*')
  for dir in results; do
    if [ -d "$repo/$dir" ]; then chown -R "$MGDSPR_BUILD_USER:" "$repo/$dir"; fi
  done
  local passthrough=() documented
  documented="$(documented_variables)" || exit 1
  if [ -n "$documented" ]; then mapfile -t passthrough <<<"$documented"; fi
  log "continuing as user $MGDSPR_BUILD_USER"
  exec runuser -u "$MGDSPR_BUILD_USER" -- env -i \
    HOME="$MGDSPR_BUILD_HOME" USER="$MGDSPR_BUILD_USER" LOGNAME="$MGDSPR_BUILD_USER" \
    PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    CI="${CI:-}" JAVA_HOME="${JAVA_HOME:-}" MGDSPR_SHARED_DIR="$(cd "$shared" 2>/dev/null && pwd || echo "$shared")" \
    MAVEN_OPTS="${MAVEN_OPTS:-}" ${passthrough[@]+"${passthrough[@]}"} \
    bash "$script" "$@"
}

# Prints the path of an MGDSPR model trained with `mgdspr train TRAIN_ARGS... [--config CONFIG]`: the one a previous
# run trained with the same model code (the runtime core and the offline tools), config and arguments, else a new
# one, trained on one thread. Usage: trained_model CACHE_DIR CONFIG_OR_EMPTY TRAIN_ARGS...
trained_model() {
  local cache="$1" config="$2" jars key model
  shift 2
  mapfile -t jars < <(ls "$MGDSPR_REPO_ROOT"/model/core/target/mgdspr-model-core-*.jar \
    "$MGDSPR_REPO_ROOT"/model/tools/target/mgdspr-model-tools-*.jar | grep -v -e '-sources' -e '-tests')
  [ "${#jars[@]}" -eq 2 ] || die "the build left no model jars under model/core/target and model/tools/target"
  key="$( (cat "${jars[@]}" ${config:+"$config"} | sha256sum | cut -c1-64; echo "$*") | sha256sum | cut -c1-16)"
  model="$cache/model-$key.zip"
  mkdir -p "$cache"
  if [ -f "$model" ]; then
    log "reusing the model trained earlier on the same data with the same code: $model"
  else
    log "training MGDSPR on: $* ${config:+--config $config}"
    "$MGDSPR_REPO_ROOT/model/bin/mgdspr" train "$@" ${config:+--config "$config"} --threads 1 --out "$model.partial" >&2
    mv "$model.partial" "$model"
  fi
  echo "$model"
}
