# The one way the shell scripts start a sandbox, as scripts/lib/sandbox.mjs does for the Node
# ones: on the address given (127.0.0.1:0 for a free port), its origin read from the line it
# prints once it listens. Source this file, then:
#
#   start_sandbox BINARY LISTEN DB [FLAG...]   # sets SANDBOX_PID and SANDBOX_ORIGIN
#
# The sandbox's standard output (its "listening on" line) goes to a file; its request log
# (standard error) stays where the caller's is.
start_sandbox() {
  local binary=$1 listen=$2 db=$3
  shift 3
  local out
  out=$(mktemp)
  "$binary" --listen "$listen" --db "$db" "$@" >"$out" &
  SANDBOX_PID=$!
  SANDBOX_ORIGIN=
  for _ in $(seq 300); do
    SANDBOX_ORIGIN=$(grep -o 'listening on http://[^ ]*' "$out" | head -n 1 | cut -d ' ' -f 3 || true)
    if [ -n "$SANDBOX_ORIGIN" ]; then
      rm -f "$out"
      return 0
    fi
    if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
      echo "vps-sandbox exited before it listened:" >&2
      cat "$out" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "vps-sandbox did not listen within 30 s" >&2
  return 1
}
