# Shared helpers for the project's bash scripts. Source it; don't run it.

# Prints a message to stderr and exits non-zero.
die() { echo "$*" >&2; exit 1; }

# The repository root.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT

# Foundry tools installed by scripts/bootstrap.
FORGE="$REPO_ROOT/node_modules/.bin/forge"
ANVIL="$REPO_ROOT/node_modules/.bin/anvil"
CAST="$REPO_ROOT/node_modules/.bin/cast"

# True when something listens on the TCP port on 127.0.0.1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
