package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.SearchRunsRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.tracking.experiments.ExperimentService;
import io.trainyard.server.tracking.search.FilterSyntaxException;
import io.trainyard.server.tracking.search.RunFilter;
import io.trainyard.server.tracking.search.RunOrder;
import io.trainyard.server.tracking.search.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Run search: MLflow's filter syntax (plus {@code or} and parentheses) and order-by, within the projects and
 * experiments the caller may read. Pages are offsets, as MLflow's are: any sort key may repeat or be missing,
 * so there is no keyset that works for every order.
 */
@Service
public class RunSearch {

    public static final int MAX_RESULTS = 50_000;

    private final JdbcClient jdbc;
    private final ProjectAccess projects;
    private final ExperimentService experiments;
    private final RunService runs;

    RunSearch(JdbcClient jdbc, ProjectAccess projects, ExperimentService experiments, RunService runs) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.experiments = experiments;
        this.runs = runs;
    }

    @Transactional(readOnly = true)
    public Page<Run> search(SearchRunsRequest request) {
        SearchPage page = searchRows(request.projects(), request.experimentIds(), request.filter(), request.orderBy(),
                Boolean.TRUE.equals(request.includeDeleted()) ? null : "active", request.pageSize(),
                request.pageToken());
        return new Page<>(runs.views(page.runs()), page.nextPageToken());
    }

    /**
     * Matching runs, one page of them; {@code lifecycle} active, deleted or null for both.
     *
     * @throws ApiException.BadRequest naming {@code filter} or {@code orderBy} when they do not parse
     */
    @Transactional(readOnly = true)
    public SearchPage searchRows(List<String> projectKeys, List<String> experimentIds, String filter,
                                 List<String> orderBy, String lifecycle, Integer pageSize, String pageToken) {
        int size = PageToken.clampPageSize(pageSize);
        int offset = PageToken.decodeOffset(pageToken, MAX_RESULTS);
        List<Long> projectIds = projectKeys == null || projectKeys.isEmpty()
                ? projects.visibleProjects().stream().map(ProjectRef::id).toList()
                : projectKeys.stream().map(key -> projects.require(key, ProjectRole.VIEWER).id()).toList();
        List<Long> experimentFilter = experimentIds == null ? List.of()
                : experimentIds.stream().map(id -> experiments.require(id, ProjectRole.VIEWER).id()).toList();
        SqlFragment where;
        SqlFragment order;
        try {
            where = RunFilter.parse(filter).toSql();
        } catch (FilterSyntaxException e) {
            throw new ApiException.BadRequest("filter", e.getMessage());
        }
        try {
            order = RunOrder.parse(orderBy == null ? List.of() : orderBy).toSql();
        } catch (FilterSyntaxException e) {
            throw new ApiException.BadRequest("orderBy", e.getMessage());
        }
        StringBuilder sql = new StringBuilder(RunStore.SELECT).append(" where r.project_id = any(?)");
        List<Object> params = new ArrayList<>();
        params.add(projectIds.toArray(Long[]::new));
        if (!experimentFilter.isEmpty()) {
            sql.append(" and r.experiment_id = any(?)");
            params.add(experimentFilter.toArray(Long[]::new));
        }
        if (lifecycle != null) {
            sql.append(" and r.lifecycle_stage = ?");
            params.add(lifecycle);
        }
        sql.append(" and (").append(where.sql()).append(")");
        params.addAll(where.params());
        sql.append(" order by ").append(order.sql()).append(" limit ? offset ?");
        params.addAll(order.params());
        params.add(size + 1);
        params.add(offset);
        List<RunRow> rows = jdbc.sql(sql.toString()).params(params).query(RunStore::row).list();
        String next = rows.size() > size ? PageToken.encodeOffset(offset + size) : null;
        return new SearchPage(rows.stream().limit(size).toList(), next);
    }

    public record SearchPage(List<RunRow> runs, String nextPageToken) {
    }
}
