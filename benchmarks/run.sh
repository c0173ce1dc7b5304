#!/usr/bin/env bash
# Runs the protocol core's JMH benchmarks and `openssl speed` for the same algorithms in the same
# run, single-threaded, and prints the ratios recorded in BENCHMARKS.md.
#   benchmarks/run.sh            (about 4 minutes)
#   SECONDS_PER=1 benchmarks/run.sh   (quicker, noisier)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
per="${SECONDS_PER:-2}"
out="${OUT:-$root/benchmarks/target/results}"
mkdir -p "$out"
mvn -B -q -pl benchmarks -am package -DskipTests
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(openssl version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
openssl_run() {
  openssl speed -seconds "$((per * 3))" ed25519 ecdsap256 2>/dev/null > "$out/openssl.txt"
}
openssl_run
java -jar benchmarks/target/benchmarks.jar 'dev.parley.benchmarks.CryptoBenchmark' \
  -f 1 -t 1 -wi 3 -w "${per}s" -i 5 -r "${per}s" -rf json -rff "$out/jmh.json" > "$out/jmh.txt"
if ! grep -q '"benchmark"' "$out/jmh.json"; then echo "JMH produced no results; see $out/jmh.txt" >&2; exit 1; fi
python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
text = open(f"{out}/openssl.txt").read()
def rates(pattern):
    m = re.search(pattern + r"\s+[0-9.]+s\s+[0-9.]+s\s+([0-9.]+)\s+([0-9.]+)", text)
    return (float(m.group(1)), float(m.group(2))) if m else (None, None)
ed_sign, ed_verify = rates(r"EdDSA \(Ed25519\)")
p256_sign, p256_verify = rates(r"ecdsa \(nistp256\)")
results = {}
for r in json.load(open(f"{out}/jmh.json")):
    name = r["benchmark"].rsplit(".", 1)[1]
    results[(name, r["params"]["alg"])] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
print(f"openssl ed25519: sign {ed_sign:,.0f}/s verify {ed_verify:,.0f}/s; ecdsa p-256: sign {p256_sign:,.0f}/s verify {p256_verify:,.0f}/s")
print(f"{'benchmark':28} {'alg':8} {'ops/s':>12} {'± err':>10} {'vs openssl':>11}")
ref = {("sign", "Ed25519"): ed_sign, ("verifyFull", "Ed25519"): ed_verify, ("signatureOnly", "Ed25519"): ed_verify,
       ("rawBouncyCastleEd25519", "Ed25519"): ed_verify, ("sign", "ES256"): p256_sign, ("verifyFull", "ES256"): p256_verify,
       ("signatureOnly", "ES256"): p256_verify}
for (name, alg), (score, err) in sorted(results.items()):
    if name == "rawBouncyCastleEd25519" and alg == "ES256":
        continue
    base = ref.get((name, alg))
    ratio = f"{score / base:.2f}x" if base else ""
    print(f"{name:28} {alg:8} {score:12,.0f} {err:10,.0f} {ratio:>11}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
