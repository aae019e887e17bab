package io.trainyard.server.web;

import io.trainyard.server.common.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A domain error on a page (say, a project the user may not see) renders the error page with its status. */
@ControllerAdvice(annotations = Controller.class)
class PageErrorAdvice {

    @ExceptionHandler(ApiException.class)
    ModelAndView apiException(ApiException e, HttpServletResponse response) {
        response.setStatus(e.status().value());
        ModelAndView view = new ModelAndView("error");
        view.setStatus(e.status());
        view.addObject("status", e.status().value());
        view.addObject("error", e.status().getReasonPhrase());
        view.addObject("message", e.getMessage());
        return view;
    }
}
