package io.trainyard.server.tracking.artifacts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code trainyard.tracking.max-artifact-size}: the largest single artifact a run may store. */
@ConfigurationProperties("trainyard.tracking")
record ArtifactProperties(@DefaultValue("5GB") DataSize maxArtifactSize) {
}
