package io.trainyard.server.web;

import io.trainyard.server.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomePages {

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("displayName", CurrentUser.require().displayName());
        return "home";
    }
}
