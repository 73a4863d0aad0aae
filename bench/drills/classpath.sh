#!/usr/bin/env bash
# Builds the packaged server (webapp/target/server, the WAR) and the test classes, and writes the
# test classpath of the webapp module to webapp/target/drill.classpath. Used by run-drills.sh and
# ../deadline-rush.sh. Offline first (the Maven cache is warm after a build), online otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
goals=(package -DskipTests -Dspotless.check.skip=true -pl webapp -am
  dependency:build-classpath -Dmdep.includeScope=test "-Dmdep.outputFile=$PWD/webapp/target/drill.classpath")
if [ "${DRILL_SKIP_BUILD:-}" = 1 ] && [ -f webapp/target/drill.classpath ]; then
  # Iterating on the driver only: compile its sources against the last build.
  javac -nowarn -d webapp/target/test-classes \
    -cp "webapp/target/test-classes:$(cat webapp/target/drill.classpath)" \
    webapp/src/test/java/io/visiongrade/web/drill/*.java >&2
else
  { mvn -B -q -o "${goals[@]}" || mvn -B -q "${goals[@]}"; } >&2
fi
echo "$PWD/webapp/target/test-classes:$PWD/webapp/target/classes:$(cat webapp/target/drill.classpath)"
