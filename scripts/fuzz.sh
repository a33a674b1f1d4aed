#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of every FitSync endpoint that takes a body, in-process against
# the real server and an embedded PostgreSQL. One JVM per target; each round fuzzes every target for
# the @FuzzTest duration (20 s) and continues from the corpus the previous rounds grew
# (app/.cifuzz-corpus). A finding fails the run and is saved under
# app/src/test/resources/org/fitsync/app/security/EndpointFuzzTestInputs/<target>/ as a regression input.
#
#   scripts/fuzz.sh                 # CI: one round of every target
#   FUZZ_ROUNDS=30 scripts/fuzz.sh  # a longer run: 30 rounds (10 min of fuzzing per target)
#   scripts/fuzz.sh entryPut        # only the named targets
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${FUZZ_ROUNDS:-1}
source_file=app/src/test/java/org/fitsync/app/security/EndpointFuzzTest.java
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(grep -A1 '@FuzzTest' "$source_file" | grep -o 'void [A-Za-z0-9_]*' | cut -d' ' -f2)
fi

./mvnw -B -q package -pl app -am -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat app/target/fuzz-classpath.txt)"
mkdir -p app/target/fuzz

summary=()
status=0
passed=0
failed=0
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    log="app/target/fuzz/${target}-round${round}.log"
    echo "== fuzzing $target (round $round/$rounds)"
    # jdk.httpclient.keepalive.timeout: as in the surefire configuration (pom.xml), the test client drops
    # idle connections before the server's 30 s idle timeout, so none is reused as the server closes it.
    if (cd app && JAZZER_FUZZ=1 java -Xmx1g -Djdk.httpclient.keepalive.timeout=10 \
          -Djazzer.instrument='org.fitsync.adapter.**,org.fitsync.application.**,org.fitsync.domain.**,com.fasterxml.jackson.core.**' \
          -cp "$classpath" org.fitsync.app.security.FuzzRunner "$target") > "$log" 2>&1; then
      result=ok
      passed=$((passed + 1))
    else
      result=FAILED
      status=1
      failed=$((failed + 1))
      grep -E -A15 'FuzzTestFinding|Caused by|Expecting|AssertionError' "$log" | head -40 || true
    fi
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
    summary+=("$target round $round: $result — ${runs:-no fuzzing statistics} (log: $log)")
  done
done

printf '%s\n' "${summary[@]}"
echo "fuzz: $passed passed, $failed failed"
exit $status
