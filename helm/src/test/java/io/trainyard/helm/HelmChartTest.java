package io.trainyard.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders helm/trainyard with the Helm library bundled by helm-java (no helm binary
 * needed) and asserts the security- and operations-relevant parts of the manifests.
 */
class HelmChartTest {

  /** Surefire runs with the module directory (helm/) as working directory. */
  private static final Path CHART = Path.of("trainyard").toAbsolutePath();

  private static final String JDBC_URL = "jdbc:postgresql://db.example:5432/trainyard";
  private static final String DB_PASSWORD = "db-pass-Xq7v9";
  private static final String ADMIN_PASSWORD = "admin-pass-Km3t1";

  @BeforeAll
  static void chartExists() {
    assertThat(CHART.resolve("Chart.yaml")).isRegularFile();
  }

  // ---------------------------------------------------------------- lint

  /**
   * helm-java's lint command takes no value overrides, so the chart is copied and its values.yaml
   * gets postgresql.url and adminPassword set, which is what a real install must provide.
   */
  @Test
  void lintPassesWithPostgresUrlSet(@TempDir Path tmp) throws IOException {
    Path chart = copyChart(tmp.resolve("trainyard"));
    Path valuesFile = chart.resolve("values.yaml");
    Yaml yaml = new Yaml();
    Map<String, Object> values;
    try (Reader in = Files.newBufferedReader(valuesFile)) {
      values = yaml.load(in);
    }
    map(values, "postgresql").put("url", JDBC_URL);
    values.put("adminPassword", ADMIN_PASSWORD);
    try (Writer out = Files.newBufferedWriter(valuesFile)) {
      yaml.dump(values, out);
    }

    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  /**
   * The chart as shipped (postgresql.url empty) also lints: in lint mode Helm reports a template's
   * `fail` as information instead of an error, so `helm lint` works before values are known.
   */
  @Test
  void lintPassesAsShipped() {
    LintResult result = new Helm(CHART).lint().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  // ---------------------------------------------------------------- guard

  @Test
  void renderingWithoutPostgresUrlFailsWithClearMessage() {
    // Every other value set: the missing URL alone must stop rendering.
    assertThatThrownBy(() -> template().set("postgresql.url", "").call())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("postgresql.url is required")
        .hasMessageContaining("external PostgreSQL");
  }

  // ---------------------------------------------------------------- deployment

  @Test
  void deploymentRunsHardenedAsNonRoot() {
    Map<String, Object> pod = podSpec(render(template()));

    Map<String, Object> podSecurity = map(pod, "securityContext");
    assertThat(podSecurity)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 10001)
        .containsEntry("fsGroup", 10001);

    Map<String, Object> container = serverContainer(pod);
    Map<String, Object> security = map(container, "securityContext");
    assertThat(security)
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true);
    assertThat(list(map(security, "capabilities"), "drop")).containsExactly("ALL");

    // A read-only root needs writable /tmp; the data dir is mounted as well.
    assertThat(field(list(container, "volumeMounts"), "mountPath"))
        .contains("/tmp", "/var/lib/trainyard");
  }

  @Test
  void deploymentHasHealthProbesAndResources() {
    Map<String, Object> container = serverContainer(podSpec(render(template())));

    assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
    assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
    assertThat(probePath(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
    assertThat((Integer) map(container, "startupProbe").get("failureThreshold"))
        .isGreaterThanOrEqualTo(30);
    assertThat(field(list(container, "ports"), "containerPort"))
        .containsExactly(8080);

    Map<String, Object> resources = map(container, "resources");
    assertThat(map(resources, "requests")).containsEntry("cpu", "500m").containsEntry("memory", "1Gi");
    assertThat(map(resources, "limits")).containsEntry("memory", "2Gi");
  }

  @Test
  void deploymentReadsPasswordsFromSecretAndNeverInlinesThem() {
    List<Map<String, Object>> docs = render(template());
    Map<String, Object> deployment = single(docs, "Deployment");
    Map<String, Object> container = serverContainer(podSpec(docs));

    assertThat(secretKeyRef(container, "SPRING_DATASOURCE_PASSWORD"))
        .containsEntry("name", "trainyard")
        .containsEntry("key", "databasePassword");
    assertThat(secretKeyRef(container, "TRAINYARD_ADMIN_PASSWORD"))
        .containsEntry("name", "trainyard")
        .containsEntry("key", "adminPassword");
    assertThat(field(list(container, "envFrom"), "configMapRef"))
        .containsExactly(Map.of("name", "trainyard"));

    // Neither password appears in plain text anywhere outside the Secret.
    String deploymentYaml = new Yaml().dump(deployment);
    String configMapYaml = new Yaml().dump(single(docs, "ConfigMap"));
    assertThat(deploymentYaml).doesNotContain(DB_PASSWORD).doesNotContain(ADMIN_PASSWORD);
    assertThat(configMapYaml).doesNotContain(DB_PASSWORD).doesNotContain(ADMIN_PASSWORD);

    assertThat(map(map(map(deployment, "spec"), "template"), "metadata"))
        .extractingByKey("annotations")
        .asInstanceOf(MAP)
        .containsKey("checksum/config");
  }

  @Test
  void configMapCarriesNonSecretEnvironment() {
    Map<String, Object> data = map(single(render(template()), "ConfigMap"), "data");

    assertThat(data)
        .containsEntry("SPRING_DATASOURCE_URL", JDBC_URL)
        .containsEntry("SPRING_DATASOURCE_USERNAME", "trainyard")
        .containsEntry("TRAINYARD_DATA_DIR", "/var/lib/trainyard");
    assertThat((String) data.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75");
  }

  @Test
  void persistenceUsesClaimOrEmptyDir() {
    List<Map<String, Object>> withPvc = render(template());
    assertThat(single(withPvc, "PersistentVolumeClaim")).isNotNull();
    assertThat(dataVolume(podSpec(withPvc))).containsKey("persistentVolumeClaim");

    List<Map<String, Object>> ephemeral = render(template().set("persistence.enabled", false));
    assertThat(kinds(ephemeral)).doesNotContain("PersistentVolumeClaim");
    assertThat(dataVolume(podSpec(ephemeral))).containsKey("emptyDir");
  }

  // ---------------------------------------------------------------- service

  @Test
  void serviceExposesPort8080() {
    Map<String, Object> spec = map(single(render(template()), "Service"), "spec");

    assertThat(list(spec, "ports"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(((Map<?, ?>) p).get("port")).isEqualTo(8080);
              assertThat(((Map<?, ?>) p).get("targetPort")).isEqualTo("http");
            });
  }

  // ---------------------------------------------------------------- secret

  @Test
  void secretHoldsPasswordsWhenNoExistingSecret() {
    Map<String, Object> data = map(single(render(template()), "Secret"), "data");

    assertThat(decode(data.get("adminPassword"))).isEqualTo(ADMIN_PASSWORD);
    assertThat(decode(data.get("databasePassword"))).isEqualTo(DB_PASSWORD);
  }

  @Test
  void blobsGoToTheDataVolumeByDefaultAndToABucketWhenAsked() {
    assertThat(map(single(render(template()), "ConfigMap"), "data"))
        .containsEntry("TRAINYARD_STORAGE_TYPE", "filesystem")
        .doesNotContainKey("TRAINYARD_STORAGE_S3_BUCKET");

    List<Map<String, Object>> docs =
        render(
            template()
                .set("storage.type", "s3")
                .set("storage.s3.endpoint", "http://minio:9000")
                .set("storage.s3.bucket", "trainyard-blobs")
                .set("storage.s3.existingSecret", "s3-credentials"));
    assertThat(map(single(docs, "ConfigMap"), "data"))
        .containsEntry("TRAINYARD_STORAGE_TYPE", "s3")
        .containsEntry("TRAINYARD_STORAGE_S3_ENDPOINT", "http://minio:9000")
        .containsEntry("TRAINYARD_STORAGE_S3_BUCKET", "trainyard-blobs")
        .containsEntry("TRAINYARD_STORAGE_S3_PATHSTYLE", "true");
    Map<String, Object> container = serverContainer(podSpec(docs));
    assertThat(secretKeyRef(container, "TRAINYARD_STORAGE_S3_ACCESSKEY"))
        .containsEntry("name", "s3-credentials")
        .containsEntry("key", "accessKey");
    assertThat(secretKeyRef(container, "TRAINYARD_STORAGE_S3_SECRETKEY"))
        .containsEntry("name", "s3-credentials")
        .containsEntry("key", "secretKey");

    assertThatThrownBy(() -> template().set("storage.type", "s3").call())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("storage.s3.bucket is required");
    assertThatThrownBy(() -> template().set("storage.type", "floppy").call())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("storage.type must be filesystem or s3");
  }

  @Test
  void renderingWithoutAdminPasswordFailsUnlessExistingSecret() {
    assertThatThrownBy(
            () ->
                new Helm(CHART)
                    .template()
                    .withName("trainyard")
                    .set("postgresql.url", JDBC_URL)
                    .call())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("adminPassword is required");

    // With an existing Secret the admin password is read from there instead.
    List<Map<String, Object>> docs =
        render(
            new Helm(CHART)
                .template()
                .withName("trainyard")
                .set("postgresql.url", JDBC_URL)
                .set("postgresql.existingSecret", "trainyard-credentials"));
    assertThat(kinds(docs)).contains("Deployment").doesNotContain("Secret");
  }

  @Test
  void noSecretRenderedWhenExistingSecretIsSet() {
    List<Map<String, Object>> docs =
        render(template().set("postgresql.existingSecret", "trainyard-credentials"));

    assertThat(kinds(docs)).doesNotContain("Secret");
    Map<String, Object> container = serverContainer(podSpec(docs));
    assertThat(secretKeyRef(container, "SPRING_DATASOURCE_PASSWORD"))
        .containsEntry("name", "trainyard-credentials");
    assertThat(secretKeyRef(container, "TRAINYARD_ADMIN_PASSWORD"))
        .containsEntry("name", "trainyard-credentials");
  }

  // ---------------------------------------------------------------- ingress

  @Test
  void ingressRenderedOnlyWhenEnabled() {
    assertThat(kinds(render(template()))).doesNotContain("Ingress");

    List<Map<String, Object>> docs =
        render(
            template()
                .set("ingress.enabled", true)
                .set("ingress.className", "nginx")
                .set("ingress.hosts[0].host", "trainyard.example.com")
                .set("ingress.hosts[0].paths[0].path", "/")
                .set("ingress.hosts[0].paths[0].pathType", "Prefix"));
    Map<String, Object> spec = map(single(docs, "Ingress"), "spec");
    assertThat(spec).containsEntry("ingressClassName", "nginx");
    Map<?, ?> rule = (Map<?, ?>) list(spec, "rules").get(0);
    assertThat(rule.get("host")).isEqualTo("trainyard.example.com");
    assertThat(new Yaml().dump(rule)).contains("number: 8080");
  }

  // ---------------------------------------------------------------- executor pool

  @Test
  void executorPoolIsOffByDefaultAndTheServerRunsNoEmbeddedExecutors() {
    List<Map<String, Object>> docs = render(template());
    assertThat(kinds(docs)).containsOnlyOnce("Deployment");
    assertThat(map(single(docs, "ConfigMap"), "data"))
        .containsEntry("TRAINYARD_EXECUTOR_EMBEDDED_WORKERS", "0");
  }

  @Test
  void executorPodsRequestGpusRunAsNonRootAndHaveProbes() {
    List<Map<String, Object>> docs = render(template()
        .set("executor.enabled", "true")
        .set("executor.token", "ty_executor-token-secret")
        .set("executor.replicas", "3")
        .set("executor.gpusPerPod", "2")
        .set("executor.nodeSelector.gpu", "a100")
        .set("executor.terminationGracePeriodSeconds", "90"));
    Map<String, Object> deployment = docs.stream()
        .filter(d -> "Deployment".equals(d.get("kind")))
        .filter(d -> "trainyard-executor".equals(map(d, "metadata").get("name")))
        .findFirst().orElseThrow();
    assertThat(map(deployment, "spec")).containsEntry("replicas", 3);
    Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
    assertThat(pod).containsEntry("terminationGracePeriodSeconds", 90);
    assertThat(map(pod, "nodeSelector")).containsEntry("gpu", "a100");
    assertThat(field(list(pod, "tolerations"), "key")).contains("nvidia.com/gpu");
    assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);

    @SuppressWarnings("unchecked")
    Map<String, Object> container = (Map<String, Object>) list(pod, "containers").get(0);
    assertThat(map(container, "securityContext"))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true);
    Map<String, Object> resources = map(container, "resources");
    assertThat(map(resources, "limits")).containsEntry("nvidia.com/gpu", 2).containsEntry("memory", "16Gi");
    assertThat(map(resources, "requests")).containsEntry("nvidia.com/gpu", 2);
    assertThat(probePath(container, "livenessProbe")).isEqualTo("/healthz");
    assertThat(probePath(container, "readinessProbe")).isEqualTo("/healthz");

    // the token is referenced from the Secret, never inlined into the pod spec
    assertThat(new Yaml().dump(deployment)).doesNotContain("ty_executor-token-secret");
    assertThat(secretKeyRef(container, "TRAINYARD_EXECUTOR_TOKEN"))
        .containsEntry("name", "trainyard-executor").containsEntry("key", "executorToken");
    Map<String, Object> secret = docs.stream()
        .filter(d -> "Secret".equals(d.get("kind")))
        .filter(d -> "trainyard-executor".equals(map(d, "metadata").get("name")))
        .findFirst().orElseThrow();
    assertThat(decode(map(secret, "data").get("executorToken"))).isEqualTo("ty_executor-token-secret");
  }

  @Test
  void cpuExecutorPoolRequestsNoGpu() {
    List<Map<String, Object>> docs = render(template()
        .set("executor.enabled", "true")
        .set("executor.token", "ty_x")
        .set("executor.gpusPerPod", "0"));
    assertThat(new Yaml().dump(docs)).doesNotContain("nvidia.com/gpu:");
  }

  @Test
  void executorPoolNeedsATokenAndAGracePeriodLongerThanItsStopTimeout() {
    assertThatThrownBy(() -> template().set("executor.enabled", "true").call())
        .hasMessageContaining("executor.token is required");
    assertThatThrownBy(() -> template().set("executor.enabled", "true").set("executor.token", "ty_x")
        .set("executor.terminationGracePeriodSeconds", "30").call())
        .hasMessageContaining("terminationGracePeriodSeconds must be longer");
  }

  // ================================================================ helpers

  /** A template command with the values every real install sets. */
  private static TemplateCommand template() {
    return new Helm(CHART)
        .template()
        .withName("trainyard")
        .withNamespace("mlops")
        .set("postgresql.url", JDBC_URL)
        .set("postgresql.password", DB_PASSWORD)
        .set("adminPassword", ADMIN_PASSWORD);
  }

  /** Renders and parses every YAML document, dropping empty ones. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> render(TemplateCommand command) {
    String manifests = command.call();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(manifests)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    assertThat(docs).as("rendered documents").isNotEmpty();
    return docs;
  }

  private static List<Object> kinds(List<Map<String, Object>> docs) {
    return docs.stream().map(d -> d.get("kind")).toList();
  }

  private static Map<String, Object> single(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> matching =
        docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(matching).as("documents of kind %s", kind).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, Object> podSpec(List<Map<String, Object>> docs) {
    return map(map(map(single(docs, "Deployment"), "spec"), "template"), "spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> serverContainer(Map<String, Object> podSpec) {
    return (Map<String, Object>)
        list(podSpec, "containers").stream()
            .filter(c -> "server".equals(((Map<?, ?>) c).get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container named server"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataVolume(Map<String, Object> podSpec) {
    return (Map<String, Object>)
        list(podSpec, "volumes").stream()
            .filter(v -> "data".equals(((Map<?, ?>) v).get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume named data"));
  }

  /** The value of {@code key} in each map of {@code items}. */
  private static List<Object> field(List<Object> items, String key) {
    return items.stream().map(item -> (Object) ((Map<?, ?>) item).get(key)).toList();
  }

  private static Object probePath(Map<String, Object> container, String probe) {
    return map(map(container, probe), "httpGet").get("path");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> secretKeyRef(Map<String, Object> container, String envName) {
    Map<String, Object> env =
        (Map<String, Object>)
            list(container, "env").stream()
                .filter(e -> envName.equals(((Map<?, ?>) e).get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env var " + envName));
    assertThat(env).as("env %s must not carry a literal value", envName).doesNotContainKey("value");
    return map(map(env, "valueFrom"), "secretKeyRef");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as("map at key %s", key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as("list at key %s", key).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static String decode(Object base64) {
    assertThat(base64).isInstanceOf(String.class);
    return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
  }

  private static Path copyChart(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path destination = target.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination);
        }
      }
    }
    return target;
  }
}
