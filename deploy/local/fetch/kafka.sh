#!/usr/bin/env bash
# Resolves the Apache Kafka broker and its runtime dependencies from Maven Central into a
# versioned cache folder (<dest>/libs), plus an SLF4J binding so the broker's log is written:
# the published POMs leave the binding out, and without one the broker logs nothing.
# Usage: kafka.sh <kafka-version> <log4j-version> <dest-dir>; writes <dest>/.complete last.
set -euo pipefail

version="$1"
log4j="$2"
dest="$3"

[[ -f "$dest/.complete" ]] && exit 0

command -v mvn >/dev/null || { echo "Maven (mvn) not found on PATH (needed to fetch Kafka)" >&2; exit 3; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tributary</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${version}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-server</artifactId><version>${version}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${log4j}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${log4j}</version></dependency>
  </dependencies>
</project>
POM
rm -rf "$dest" && mkdir -p "$dest"
mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$dest/libs"
ls "$dest"/libs/kafka_2.13-"$version".jar >/dev/null
touch "$dest/.complete"
