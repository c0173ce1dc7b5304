#!/usr/bin/env bash
# Signs a Parley intent with OpenSSL alone (no Parley code): an independent implementation of
# the envelope and of Ed25519, whose output the Java core must verify. Writes the twin's did:key
# to intent-by-openssl.did and the message to intent-by-openssl.jws. Needs openssl >= 3 and python3
# (for base58 and base64url only).
#   examples/messages/sign-with-openssl.sh [KEY.pem]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
key="${1:-}"
if [[ -z "$key" ]]; then
  key="$(mktemp)"
  openssl genpkey -algorithm ed25519 -out "$key"
fi
pub_hex="$(openssl pkey -in "$key" -pubout -outform DER | tail -c 32 | xxd -p | tr -d '\n')"
did="$(python3 - "$pub_hex" <<'PY'
import sys
raw = bytes.fromhex("ed01" + sys.argv[1])
alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
n = int.from_bytes(raw, "big")
out = ""
while n:
    n, r = divmod(n, 58)
    out = alphabet[r] + out
out = "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out
print("did:key:z" + out)
PY
)"
b64url() { python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.buffer.read()).decode().rstrip("="))'; }
header="$(printf '{"alg":"Ed25519","typ":"parley+jws","kid":"%s#%s"}' "$did" "${did#did:key:}" | b64url)"
payload="$(printf '{"parley":"0.1","type":"intent","id":"openssl-example-0001","iss":"%s","aud":"https://hearth-and-home.example","iat":1768478400,"exp":1768478700,"body":{"wants":[{"query":"tea towel","quantity":2}]}}' "$did" | b64url)"
input="$(mktemp)"
printf '%s.%s' "$header" "$payload" > "$input"
signature="$(openssl pkeyutl -sign -rawin -inkey "$key" -in "$input" | b64url)"
printf '%s\n' "$did" > intent-by-openssl.did
printf '%s.%s.%s\n' "$header" "$payload" "$signature" > intent-by-openssl.jws
echo "signed by $did"
