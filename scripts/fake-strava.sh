#!/usr/bin/env sh
# Starts the fake Strava (adapter-strava test sources) for demos: scripts/fake-strava.sh [port] [activities]
# Build first: ./mvnw -B -q -DskipTests package
set -e
cd "$(dirname "$0")/.."
V=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' pom.xml)
R="${MAVEN_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core"
CP="adapter-strava/target/test-classes:$R/jackson-databind/$V/jackson-databind-$V.jar:$R/jackson-core/$V/jackson-core-$V.jar"
A=$(ls "$R/jackson-annotations" | grep "^${V%.*}" | tail -1)
CP="$CP:$(ls "$R"/jackson-annotations/"$A"/*.jar | grep -v sources | head -1)"
exec java -cp "$CP" org.fitsync.adapter.strava.testing.FakeStravaMain "${1:-7071}" "${2:-450}"
