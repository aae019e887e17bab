package io.trainyard.server.web;

import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Gives every rendered page what the layout shows: the caller's projects and the selected one. Runs only
 * when a view is rendered, so REST calls and redirects pay nothing.
 */
@Component
class LayoutModelInterceptor implements HandlerInterceptor {

    private final ProjectAccess projects;

    LayoutModelInterceptor(ProjectAccess projects) {
        this.projects = projects;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView modelAndView) {
        if (modelAndView == null || CurrentUser.current().isEmpty()
                || (modelAndView.getViewName() != null && modelAndView.getViewName().startsWith("redirect:"))) {
            return;
        }
        List<ProjectRef> visible = projects.visibleProjects();
        modelAndView.addObject("visibleProjects", visible);
        modelAndView.addObject("currentProject",
                CurrentProject.of(request.getSession(false), visible).orElse(null));
    }
}
