package io.trainyard.server.tracking;

/**
 * Where the MLflow-compatible API answers. MLflow clients append {@code /api/2.0/mlflow/...} to their tracking
 * URI, so a tracking URI of {@code http://host/mlflow/<project>} selects a project with any client; the plain
 * {@code http://host} works too and uses the {@code X-Trainyard-Project} header, else the default project.
 * The registry's MLflow endpoints answer under the same paths.
 */
public final class MlflowPaths {

    public static final String API = "/api/2.0/mlflow";
    public static final String AJAX = "/ajax-api/2.0/mlflow";
    public static final String PROJECT_API = "/mlflow/{project}/api/2.0/mlflow";
    public static final String PROJECT_AJAX = "/mlflow/{project}/ajax-api/2.0/mlflow";
    public static final String PROJECT_HEADER = "X-Trainyard-Project";
    public static final String DEFAULT_PROJECT = "default";

    private MlflowPaths() {
    }

    public static String project(String fromPath, String fromHeader) {
        if (fromPath != null && !fromPath.isBlank()) {
            return fromPath;
        }
        return fromHeader != null && !fromHeader.isBlank() ? fromHeader.strip() : DEFAULT_PROJECT;
    }
}
