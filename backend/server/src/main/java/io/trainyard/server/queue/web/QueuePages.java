package io.trainyard.server.queue.web;

import io.trainyard.client.model.JobResources;
import io.trainyard.client.model.SubmitJobRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.queue.jobs.JobService;
import io.trainyard.server.security.CurrentUser;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The queue page (claim order, running jobs, executors) and a job's page with its history. */
@Controller
@RequestMapping("/queue")
class QueuePages {

    private static final int SHOWN_QUEUED = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobService jobs;
    private final MessageSource messages;

    QueuePages(JobService jobs, MessageSource messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    @GetMapping
    String queue(Model model) {
        JobService.Overview overview = jobs.overview(SHOWN_QUEUED);
        model.addAttribute("queued", overview.queued());
        model.addAttribute("running", overview.running());
        model.addAttribute("executors", overview.executors());
        model.addAttribute("isAdmin", CurrentUser.require().admin());
        return "queue/index";
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", jobs.get(id));
        return "queue/job";
    }

    /** Admins check the executor pool with a diagnostic job. */
    @PostMapping("/diagnostic")
    String diagnostic(@RequestParam(defaultValue = "0") long sleepMs, @RequestParam(defaultValue = "false") boolean fail,
                      @RequestParam(defaultValue = "0") int gpus, RedirectAttributes redirect, Locale locale) {
        ObjectNode spec = JSON.createObjectNode().put("sleepMs", sleepMs).put("fail", fail);
        try {
            JobService.Submitted submitted = jobs.submit(new SubmitJobRequest("default", "diagnostic", spec, 0,
                    new JobResources(gpus, List.of()), null, null), null);
            redirect.addFlashAttribute("flash", messages.getMessage("queue.submitted",
                    new Object[] {submitted.job().id()}, locale));
            return "redirect:/queue/jobs/" + submitted.job().id();
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/queue";
        }
    }

    @PostMapping("/jobs/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            jobs.cancel(id);
            redirect.addFlashAttribute("flash", messages.getMessage("queue.cancelled", new Object[] {id}, locale));
        } catch (ApiException.Conflict | ApiException.Forbidden e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/queue/jobs/" + id;
    }

    @PostMapping("/jobs/{id}/priority")
    String priority(@PathVariable long id, @RequestParam int priority, RedirectAttributes redirect, Locale locale) {
        try {
            jobs.setPriority(id, Math.max(-1000, Math.min(1000, priority)));
            redirect.addFlashAttribute("flash", messages.getMessage("queue.priorityChanged", new Object[] {id},
                    locale));
        } catch (ApiException.Conflict | ApiException.Forbidden e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/queue";
    }
}
