package io.trainyard.server.datasets.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.DatasetDiff;
import io.trainyard.client.model.QualityReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The profile records go out over REST and are stored as JSON: they must survive a round trip. */
class ProfileJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void profilesQualityReportsAndDiffsRoundTrip() {
        ProfileResult result = CsvProfilerTest.profile("n,c,b,d,t\n1.5,x,true,2024-01-01,a\n2.5,y,false,2024-01-02,b\n"
                + "NA,x,true,2024-01-03,c\n1.5,x,true,2024-01-01,a\n");
        for (ColumnProfile column : result.columns()) {
            String text = json.writeValueAsString(column);
            assertThat(json.readValue(text, ColumnProfile.class)).isEqualTo(column);
        }
        String numeric = json.writeValueAsString(result.columns().get(0));
        assertThat(numeric).contains("\"type\":\"numeric\"", "\"p50\":", "\"deciles\":[", "\"histogram\":{\"edges\":[");
        assertThat(json.writeValueAsString(result.columns().get(3))).contains("\"type\":\"datetime\"",
                "\"datetimeRange\":{\"min\":\"2024-01-01\",\"max\":\"2024-01-03\"}");

        String quality = json.writeValueAsString(result.quality());
        assertThat(quality).contains("\"severity\":\"warning\"", "\"code\":\"duplicate_rows\"");
        assertThat(json.readValue(quality, QualityReport.class)).isEqualTo(result.quality());

        DatasetDiff diff = new DatasetDiffer().diff(result, CsvProfilerTest.profile("n,c\n1,x\n"));
        assertThat(json.readValue(json.writeValueAsString(diff), DatasetDiff.class)).isEqualTo(diff);
    }
}
