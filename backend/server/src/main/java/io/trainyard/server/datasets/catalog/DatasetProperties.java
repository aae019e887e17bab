package io.trainyard.server.datasets.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code trainyard.datasets.max-upload-size}: larger uploads are refused with 413 before they are read. */
@ConfigurationProperties("trainyard.datasets")
record DatasetProperties(@DefaultValue("2GB") DataSize maxUploadSize) {
}
