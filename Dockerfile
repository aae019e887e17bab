# syntax=docker/dockerfile:1
#
# Trainyard server image.
#
#   docker build -t trainyard/trainyard-server:0.1.0 .
#
# The build stage compiles the server and the modules it depends on (-am) from
# the full source tree; the runtime stage only carries a JRE and the Spring Boot
# fat jar, and runs as an unprivileged user so it works under the Helm chart's
# restricted securityContext (runAsNonRoot, readOnlyRootFilesystem).

############################
# Build stage
############################
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# The whole tree is copied on purpose: even with -pl the reactor reads every
# module's pom listed in the root pom. .dockerignore keeps target/ and .git out.
COPY . .

# The cache mount keeps ~/.m2 (dependencies and the wrapper's Maven download)
# between builds without baking it into an image layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -pl backend/server -am package

############################
# Runtime stage
############################
FROM eclipse-temurin:17-jre

# Fixed uid/gid 10001: the Helm chart's securityContext (runAsUser/fsGroup) and
# volume ownership rely on this exact number.
RUN groupadd --system --gid 10001 trainyard \
 && useradd --system --uid 10001 --gid 10001 \
      --home-dir /var/lib/trainyard --no-create-home \
      --shell /usr/sbin/nologin trainyard \
 && mkdir -p /app /var/lib/trainyard \
 && chown 10001:10001 /var/lib/trainyard

COPY --from=build /src/backend/server/target/trainyard-server.jar /app/trainyard-server.jar

# Size the heap from the container's memory limit rather than the host's RAM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

# No VOLUME instruction: docker-compose and the Helm chart mount the data dir
# explicitly, and an implicit anonymous volume would only hide forgotten mounts.
WORKDIR /var/lib/trainyard
USER 10001
EXPOSE 8080

# No HEALTHCHECK: the JRE image has no curl/wget. Orchestrators probe
# /actuator/health/{liveness,readiness} themselves (see helm/trainyard).
ENTRYPOINT ["java", "-jar", "/app/trainyard-server.jar", "--trainyard.data-dir=/var/lib/trainyard"]
